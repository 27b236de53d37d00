package io.sspr.validator.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.events.json.MalformedEventException;
import io.sspr.events.messaging.EventMessages;
import io.sspr.validator.config.ValidatorConfig;
import io.sspr.validator.service.PasswordRequestValidator;
import io.sspr.validator.service.ValidationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Consumes sspr.password.requested; emits sspr.password.validated (passed) or sspr.password.results (not). */
@ApplicationScoped
public class PasswordRequestConsumer {
    private static final Logger LOG = Logger.getLogger(PasswordRequestConsumer.class);
    private static final int PUBLISH_ATTEMPTS = 3;

    private final PasswordRequestValidator validator;
    private final MutinyEmitter<String> validated;
    private final MutinyEmitter<String> results;
    private final Duration publishTimeout;
    private final MeterRegistry metrics;

    public PasswordRequestConsumer(PasswordRequestValidator validator,
            @Channel(Topics.PASSWORD_VALIDATED) MutinyEmitter<String> validated,
            @Channel(Topics.PASSWORD_RESULTS) MutinyEmitter<String> results,
            ValidatorConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
        this.validator = validator;
        this.validated = validated;
        this.results = results;
        this.publishTimeout = config.publishTimeout();
    }

    /** Acknowledges a request only after its one outcome is acknowledged by Kafka; nack = dead letter. */
    @Incoming(Topics.PASSWORD_REQUESTED)
    public Uni<Void> consume(Message<String> message) {
        PasswordRequested request;
        try {
            request = EventJson.read(message.getPayload(), PasswordRequested.class);
        } catch (MalformedEventException e) {
            // The reason names a field or position, never the content.
            LOG.warnf("malformed request at %s sent to the dead-letter topic: %s", position(message), e.getMessage());
            metrics.counter("sspr.validator.requests", "outcome", "MALFORMED").increment();
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return Uni.createFrom().item(() -> validator.validate(request, Instant.now()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) // LDAP and crypto block
                .call(this::publish)
                .invoke(outcome -> {
                    LOG.infof("correlationId=%s userKey=%s outcome=%s codes=%s", request.correlationId(),
                            request.userKey(), outcome.outcome(), outcome.codes());
                    metrics.counter("sspr.validator.requests", "outcome", outcome.outcome()).increment();
                })
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure != null) {
                        LOG.errorf("correlationId=%s userKey=%s outcome not published: %s", request.correlationId(),
                                request.userKey(), failure.getClass().getSimpleName());
                        return Uni.createFrom().completionStage(message.nack(failure));
                    }
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    private Uni<Void> publish(ValidationOutcome outcome) {
        Uni<Void> sent = outcome instanceof ValidationOutcome.Accepted accepted
                ? Uni.createFrom().deferred(() ->
                        validated.sendMessage(EventMessages.of(accepted.event(), PasswordRequestValidator.SERVICE)))
                : Uni.createFrom().deferred(() -> results.sendMessage(EventMessages.of(
                        ((ValidationOutcome.Refused) outcome).event(), PasswordRequestValidator.SERVICE)));
        return sent.ifNoItem().after(publishTimeout).fail()
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                .atMost(PUBLISH_ATTEMPTS - 1);
    }

    private static String position(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getTopic() + "-" + kafka.getPartition() + "@" + kafka.getOffset())
                .orElse("unknown offset");
    }
}
