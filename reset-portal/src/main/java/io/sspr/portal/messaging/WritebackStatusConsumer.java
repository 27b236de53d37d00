package io.sspr.portal.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.portal.service.WritebackStatusService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the workers' heartbeats ({@code sspr.writeback.status}, compacted) and keeps each; the record, not an
 * event, is handed over: a worker that stops sends a tombstone. Emits nothing.
 */
@ApplicationScoped
public class WritebackStatusConsumer {
    private final WritebackStatusService status;
    private final FailureRule failureRule;

    public WritebackStatusConsumer(WritebackStatusService status, FailureRule failureRule) {
        this.status = status;
        this.failureRule = failureRule;
    }

    @Incoming(Topics.WRITEBACK_STATUS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, status::apply);
    }
}
