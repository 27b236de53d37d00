package io.sspr.worker.service;

import io.sspr.events.PasswordResult;

/**
 * Where a request's result goes (sspr.password.results, {@link io.sspr.worker.messaging.KafkaResultPublisher}):
 * returns only once Kafka has it, else throws, so the incoming event is acknowledged only after its result is stored.
 * An interface so that the service layer does not depend on the messaging layer that calls it.
 */
@FunctionalInterface
public interface ResultPublisher {
    void publish(PasswordResult result);
}
