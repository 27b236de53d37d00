package io.sspr.worker.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.PasswordValidated;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.events.json.MalformedEventException;
import io.sspr.worker.service.RefusedEventException;
import io.sspr.worker.service.WritebackOutcome;
import io.sspr.worker.service.WritebackService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes sspr.password.validated; emits one PasswordResult to sspr.password.results per request, or, for an
 * event that is malformed or not signed by the validator, an AuditEvent to sspr.audit.events and the event to
 * sspr.password.validated.dlq.
 */
@ApplicationScoped
public class ValidatedPasswordConsumer {
    private static final Logger LOG = Logger.getLogger(ValidatedPasswordConsumer.class);

    private final WritebackService service;
    private final EventPublisher publisher;
    private final Clock clock;

    public ValidatedPasswordConsumer(WritebackService service, EventPublisher publisher, Clock clock) {
        this.service = service;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Incoming(Topics.PASSWORD_VALIDATED)
    @Blocking // LDAP and the wait for Kafka's acknowledgement block; ordered per partition
    public CompletionStage<Void> consume(Message<String> message) {
        PasswordValidated event = null;
        try {
            event = EventJson.read(message.getPayload(), PasswordValidated.class);
            WritebackOutcome outcome = service.handle(event);
            publisher.publish(outcome.result());
            return message.ack();
        } catch (MalformedEventException | RefusedEventException e) {
            RefusedEventException refusal = e instanceof RefusedEventException r ? r
                    : new RefusedEventException(e.getMessage());
            UUID correlationId = correlationId(event, message);
            LOG.warnf("writeback correlationId=%s userKey=%s outcome=REFUSED reason=\"%s\"",
                    correlationId, userKey(event, message), refusal.getMessage());
            auditRefusal(event, message, correlationId, refusal);
            return message.nack(refusal);
        } catch (RuntimeException e) {
            // Kafka did not take the result: dead-letter it with the reason; a replay is safe (idempotent).
            LOG.errorf("writeback correlationId=%s outcome=ERROR reason=\"%s\"", correlationId(event, message),
                    e.getClass().getSimpleName());
            return message.nack(new IllegalStateException("result could not be published: "
                    + e.getClass().getSimpleName()));
        }
    }

    private void auditRefusal(PasswordValidated event, Message<String> message, UUID correlationId,
            RefusedEventException refusal) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stage", "writeback");
        details.put("topic", Topics.PASSWORD_VALIDATED);
        details.put("detail", refusal.getMessage());
        String username = event == null ? null : event.username();
        AuditActivity activity = event == null ? AuditActivity.FLOW_ACTIVITY_PROGRESS : event.operation().activity();
        try {
            // Names in an unverified event are what it claims, recorded as such for the auditor.
            publisher.publish(new AuditEvent(UUID.randomUUID(), correlationId, clock.instant(),
                    SsprEvent.SCHEMA_VERSION, userKey(event, message), activity, AuditEvent.AuditResult.failure,
                    RefusedEventException.AUDIT_REASON, username, username, WritebackService.SERVICE_NAME, details));
        } catch (RuntimeException e) {
            LOG.errorf("audit of a refused event could not be published: %s", e.getClass().getSimpleName());
        }
    }

    /** From the event, else from the CloudEvent subject the validator sets, else a fresh id. */
    private static UUID correlationId(PasswordValidated event, Message<String> message) {
        if (event != null) {
            return event.correlationId();
        }
        return message.getMetadata(IncomingCloudEventMetadata.class)
                .flatMap(ce -> ((IncomingCloudEventMetadata<?>) ce).getSubject())
                .flatMap(ValidatedPasswordConsumer::parseUuid)
                .orElseGet(UUID::randomUUID);
    }

    /** From the event, else the Kafka record key (the user key by contract). */
    private static String userKey(PasswordValidated event, Message<String> message) {
        if (event != null) {
            return event.userKey();
        }
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> ((IncomingKafkaRecordMetadata<?, ?>) kafka).getKey())
                .map(Object::toString)
                .filter(key -> key.length() <= 256)
                .orElse("unknown");
    }

    private static java.util.Optional<UUID> parseUuid(String text) {
        try {
            return java.util.Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
