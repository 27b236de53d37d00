package io.sspr.audit.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.sspr.audit.service.AuditRecordService;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes {@code sspr.password.requested} and stores one audit record per event; emits nothing. */
@ApplicationScoped
public class PasswordRequestedConsumer {
    private final AuditRecordService audit;

    public PasswordRequestedConsumer(AuditRecordService audit) {
        this.audit = audit;
    }

    /** Blocking: storing is a JDBC transaction. Malformed records are dead-lettered (DeadLetters). */
    @Incoming(Topics.PASSWORD_REQUESTED)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return DeadLetters.process(message, payload -> audit.record(EventJson.read(payload, PasswordRequested.class)));
    }
}
