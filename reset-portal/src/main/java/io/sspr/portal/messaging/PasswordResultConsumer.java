package io.sspr.portal.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.PasswordResult;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.portal.service.RequestResultService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes {@code sspr.password.results} and stores the request's terminal status; emits nothing. */
@ApplicationScoped
public class PasswordResultConsumer {
    private final RequestResultService results;
    private final FailureRule failureRule;

    public PasswordResultConsumer(RequestResultService results, FailureRule failureRule) {
        this.results = results;
        this.failureRule = failureRule;
    }

    /**
     * Blocking: storing is a JDBC transaction. Acknowledged once the status is stored; a malformed record is
     * dead-lettered, a database outage waited out (FailureRule).
     */
    @Incoming(Topics.PASSWORD_RESULTS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, PasswordResult.class, results::onResult);
    }
}
