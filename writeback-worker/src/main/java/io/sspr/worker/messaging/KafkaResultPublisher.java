package io.sspr.worker.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.PasswordResult;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import io.sspr.worker.config.WorkerConfig;
import io.sspr.worker.service.ResultPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Emits sspr.password.results, signed, and waits until Kafka has acknowledged each result. (Refused events are
 * audited by the failure rule, through its own channel.)
 */
@ApplicationScoped
public class KafkaResultPublisher implements ResultPublisher {
    private final MutinyEmitter<String> results;
    private final EventSigner signer;
    private final WorkerConfig config;

    public KafkaResultPublisher(@Channel(Topics.PASSWORD_RESULTS) MutinyEmitter<String> results, EventSigner signer,
            WorkerConfig config) {
        this.results = results;
        this.signer = signer;
        this.config = config;
    }

    /** Blocks (on a worker thread) so the incoming event is acknowledged only after its result is stored. */
    @Override
    public void publish(PasswordResult result) {
        results.sendMessage(EventMessages.of(result, signer))
                .await().atMost(config.publishTimeout());
    }
}
