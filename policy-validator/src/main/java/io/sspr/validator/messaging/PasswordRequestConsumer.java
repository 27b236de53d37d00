package io.sspr.validator.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import io.sspr.events.messaging.FailureRule;
import io.sspr.validator.config.ValidatorConfig;
import io.sspr.validator.service.PasswordRequestValidator;
import io.sspr.validator.service.ValidationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Consumes sspr.password.requested; emits sspr.password.validated (passed) or sspr.password.results (not). */
@ApplicationScoped
public class PasswordRequestConsumer {
    private static final Logger LOG = Logger.getLogger(PasswordRequestConsumer.class);

    private final PasswordRequestValidator validator;
    private final MutinyEmitter<String> validated;
    private final MutinyEmitter<String> results;
    private final FailureRule failureRule;
    private final EventSigner signer;
    private final Duration publishTimeout;
    private final MeterRegistry metrics;

    public PasswordRequestConsumer(PasswordRequestValidator validator,
            @Channel(Topics.PASSWORD_VALIDATED) MutinyEmitter<String> validated,
            @Channel(Topics.PASSWORD_RESULTS) MutinyEmitter<String> results, FailureRule failureRule,
            EventSigner signer, ValidatorConfig config, MeterRegistry metrics) {
        this.signer = signer;
        this.validator = validator;
        this.validated = validated;
        this.results = results;
        this.failureRule = failureRule;
        this.publishTimeout = config.publishTimeout();
        this.metrics = metrics;
    }

    /**
     * Acknowledges a request only after its one outcome is acknowledged by Kafka. A DC outage or a failed publish
     * leaves it unacknowledged (tried again, by this instance or after a restart); a request that expires
     * meanwhile ends EXPIRED. The outcome's event id follows from the request, so publishing it twice is harmless.
     */
    @Incoming(Topics.PASSWORD_REQUESTED)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, PasswordRequested.class, request -> {
            ValidationOutcome outcome = validator.validate(request, Instant.now());
            publish(outcome);
            LOG.infof("correlationId=%s userKey=%s outcome=%s codes=%s", request.correlationId(), request.userKey(),
                    outcome.outcome(), outcome.codes());
            metrics.counter("sspr.validator.requests", "outcome", outcome.outcome()).increment();
        });
    }

    private void publish(ValidationOutcome outcome) {
        Message<String> message = outcome instanceof ValidationOutcome.Accepted accepted
                ? EventMessages.of(accepted.event(), signer)
                : EventMessages.of(((ValidationOutcome.Refused) outcome).event(), signer);
        MutinyEmitter<String> emitter = outcome instanceof ValidationOutcome.Accepted ? validated : results;
        emitter.sendMessage(message).await().atMost(publishTimeout);
    }
}
