package io.sspr.worker.service;

import java.time.Duration;

/** Waits between retries; a seam so unit tests need not wait. */
@FunctionalInterface
public interface Pause {
    void pause(Duration duration);

    static Pause sleeping() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
