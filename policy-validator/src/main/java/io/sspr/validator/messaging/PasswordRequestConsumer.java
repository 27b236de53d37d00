package io.sspr.validator.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.validator.service.ValidationService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code sspr.password.requested}: each request the portal signed goes to {@link ValidationService}, which
 * publishes its one outcome to {@code sspr.password.validated} or {@code sspr.password.results}.
 */
@ApplicationScoped
public class PasswordRequestConsumer {
    private final ValidationService validation;
    private final FailureRule failureRule;

    public PasswordRequestConsumer(ValidationService validation, FailureRule failureRule) {
        this.validation = validation;
        this.failureRule = failureRule;
    }

    /**
     * Blocking (LDAP, then Kafka's acknowledgement). A request is acknowledged only after its outcome is; a DC outage
     * or a failed publish leaves it unacknowledged and tried again (FailureRule), and a request that expires
     * meanwhile ends EXPIRED.
     */
    @Incoming(Topics.PASSWORD_REQUESTED)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, PasswordRequested.class, validation::handle);
    }
}
