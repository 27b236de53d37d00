package io.sspr.portal.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.PasswordResult;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.portal.service.RequestStatusService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes {@code sspr.password.results} and stores the request's terminal status; emits nothing. */
@ApplicationScoped
public class PasswordResultConsumer {
    private final RequestStatusService status;
    private final FailureRule failureRule;

    public PasswordResultConsumer(RequestStatusService status, FailureRule failureRule) {
        this.status = status;
        this.failureRule = failureRule;
    }

    /**
     * Blocking: storing is a JDBC transaction. Acknowledged once the status is stored; a malformed record is
     * dead-lettered, a database outage waited out (FailureRule).
     */
    @Incoming(Topics.PASSWORD_RESULTS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, PasswordResult.class, status::onResult);
    }
}
