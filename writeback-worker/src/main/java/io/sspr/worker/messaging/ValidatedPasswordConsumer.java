package io.sspr.worker.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.worker.service.ValidatedRequestHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes sspr.password.validated and hands each record to the {@link ValidatedRequestHandler} under the failure
 * rule: one PasswordResult to sspr.password.results per request (the stored one again for a redelivery); a
 * malformed, unsigned or forged event is dead-lettered and audited by the failure rule; anything transient leaves the
 * record unacknowledged, to be tried again.
 */
@ApplicationScoped
public class ValidatedPasswordConsumer {
    private final FailureRule failureRule;
    private final ValidatedRequestHandler handler;

    public ValidatedPasswordConsumer(FailureRule failureRule, ValidatedRequestHandler handler) {
        this.failureRule = failureRule;
        this.handler = handler;
    }

    /**
     * Blocking (LDAP, PostgreSQL, the wait for Kafka's acknowledgement) and in order per partition, so one user's
     * requests are applied in the order they were made; the channel's {@code concurrency} copies (one Kafka consumer
     * each) apply different partitions side by side. Completes when the record is acknowledged: after its result is
     * on Kafka, or its dead letter.
     */
    @Incoming(Topics.PASSWORD_VALIDATED)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, handler::handle);
    }
}
