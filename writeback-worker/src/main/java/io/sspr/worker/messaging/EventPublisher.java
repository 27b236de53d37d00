package io.sspr.worker.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.AuditEvent;
import io.sspr.events.PasswordResult;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.messaging.EventMessages;
import io.sspr.worker.config.WorkerConfig;
import io.sspr.worker.service.WritebackService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Emits sspr.password.results and sspr.audit.events, and waits until Kafka has acknowledged each event. */
@ApplicationScoped
public class EventPublisher {
    private final MutinyEmitter<String> results;
    private final MutinyEmitter<String> audit;
    private final WorkerConfig config;

    public EventPublisher(@Channel(Topics.PASSWORD_RESULTS) MutinyEmitter<String> results,
            @Channel(Topics.AUDIT_EVENTS) MutinyEmitter<String> audit, WorkerConfig config) {
        this.results = results;
        this.audit = audit;
        this.config = config;
    }

    public void publish(PasswordResult result) {
        send(results, result);
    }

    public void publish(AuditEvent event) {
        send(audit, event);
    }

    /** Blocks (on a worker thread) so the incoming event is acknowledged only after its result is stored. */
    private void send(MutinyEmitter<String> emitter, SsprEvent event) {
        emitter.sendMessage(EventMessages.of(event, WritebackService.SERVICE_NAME))
                .await().atMost(config.publishTimeout());
    }
}
