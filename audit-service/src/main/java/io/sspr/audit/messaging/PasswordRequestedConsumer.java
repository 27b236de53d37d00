package io.sspr.audit.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.audit.service.AuditRecordService;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes {@code sspr.password.requested} and stores one audit record per event; emits nothing. */
@ApplicationScoped
public class PasswordRequestedConsumer {
    private final AuditRecordService audit;
    private final FailureRule failureRule;

    public PasswordRequestedConsumer(AuditRecordService audit, FailureRule failureRule) {
        this.audit = audit;
        this.failureRule = failureRule;
    }

    /**
     * Blocking: storing is a JDBC transaction. Acknowledged once stored; a malformed or refused event is
     * dead-lettered, a database outage waited out (FailureRule).
     */
    @Incoming(Topics.PASSWORD_REQUESTED)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, PasswordRequested.class, audit::record);
    }
}
