package io.sspr.worker.sync;

import io.sspr.events.DirectoryUserPublished;
import java.util.List;

/** Where the sync sends profiles; returns only once Kafka has acknowledged all of them, else throws. */
@FunctionalInterface
public interface UserPublisher {
    void publish(List<DirectoryUserPublished> users);
}
