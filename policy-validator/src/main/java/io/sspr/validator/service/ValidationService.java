package io.sspr.validator.service;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import io.sspr.validator.config.ValidatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What happens to one request: decided ({@link PasswordRequestValidator}), its one outcome signed and published
 * (a {@code PasswordValidated} to the worker or a terminal {@code PasswordResult}), then recorded. Blocking: it
 * returns once Kafka acknowledged the outcome, so the request is acknowledged only after its outcome is stored. A DC
 * outage or a failed publish is thrown and the request tried again (FailureRule); the outcome's event id follows
 * from the request, so publishing it twice is harmless.
 */
@ApplicationScoped
public class ValidationService {
    private final PasswordRequestValidator validator;
    private final MutinyEmitter<String> validated;
    private final MutinyEmitter<String> results;
    private final EventSigner signer;
    private final Duration publishTimeout;
    private final OutcomeRecorder recorder;

    public ValidationService(PasswordRequestValidator validator,
            @Channel(Topics.PASSWORD_VALIDATED) MutinyEmitter<String> validated,
            @Channel(Topics.PASSWORD_RESULTS) MutinyEmitter<String> results, EventSigner signer,
            ValidatorConfig config, OutcomeRecorder recorder) {
        this.validator = validator;
        this.validated = validated;
        this.results = results;
        this.signer = signer;
        this.publishTimeout = config.publishTimeout();
        this.recorder = recorder;
    }

    public void handle(PasswordRequested request) {
        ValidationOutcome outcome = validator.validate(request, Instant.now());
        publish(outcome);
        recorder.record(request, outcome);
    }

    private void publish(ValidationOutcome outcome) {
        MutinyEmitter<String> emitter;
        Message<String> message;
        if (outcome instanceof ValidationOutcome.Accepted accepted) {
            emitter = validated;
            message = EventMessages.of(accepted.event(), signer);
        } else {
            emitter = results;
            message = EventMessages.of(((ValidationOutcome.Refused) outcome).event(), signer);
        }
        emitter.sendMessage(message).await().atMost(publishTimeout);
    }
}
