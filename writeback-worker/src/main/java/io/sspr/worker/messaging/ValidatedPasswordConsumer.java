package io.sspr.worker.messaging;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.common.annotation.Blocking;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.PasswordValidated;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.events.json.MalformedEventException;
import io.sspr.worker.persistence.RequestLedger;
import io.sspr.worker.service.RefusedEventException;
import io.sspr.worker.service.WritebackOutcome;
import io.sspr.worker.service.WritebackService;
import io.sspr.worker.service.WritebackStats;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes sspr.password.validated; emits one PasswordResult to sspr.password.results per request, or, for an
 * event that is malformed, not signed by the validator or a replay, an AuditEvent to sspr.audit.events and the
 * event to sspr.password.validated.dlq. Offsets are committed only for acknowledged events, in order.
 */
@ApplicationScoped
public class ValidatedPasswordConsumer {
    private static final Logger LOG = Logger.getLogger(ValidatedPasswordConsumer.class);

    private final WritebackService service;
    private final EventPublisher publisher;
    private final RequestLedger ledger;
    private final ExecutorService ledgerMarks = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "writeback-ledger-marks");
        thread.setDaemon(true);
        return thread;
    });
    private final WritebackStats stats;
    private final Clock clock;

    public ValidatedPasswordConsumer(WritebackService service, EventPublisher publisher, RequestLedger ledger,
            WritebackStats stats, Clock clock) {
        this.service = service;
        this.publisher = publisher;
        this.ledger = ledger;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Blocking (LDAP, PostgreSQL, the wait for Kafka's acknowledgement) and in order per partition, so one user's
     * requests are applied in the order they were made; the channel's {@code concurrency} copies (one Kafka consumer
     * each) apply different partitions side by side.
     */
    @Incoming(Topics.PASSWORD_VALIDATED)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        PasswordValidated event;
        try {
            event = EventJson.read(message.getPayload(), PasswordValidated.class);
        } catch (MalformedEventException e) {
            return refuse(null, message, RefusedEventException.malformed(e.getMessage()));
        }
        try {
            WritebackOutcome outcome = service.handle(event);
            publisher.publish(outcome.result());
            markPublished(event.correlationId());
            return message.ack();
        } catch (RefusedEventException e) {
            return refuse(event, message, e);
        } catch (RuntimeException e) {
            // Kafka or the ledger did not take the result: dead-letter it with the reason. The ledger keeps what
            // was written, so a replay from the dead-letter topic answers without writing again.
            LOG.errorf("writeback correlationId=%s outcome=ERROR reason=\"%s\"", event.correlationId(),
                    e.getClass().getSimpleName());
            return message.nack(new IllegalStateException("result could not be stored or published: "
                    + e.getClass().getSimpleName()));
        }
    }

    /**
     * Off the request's path: the mark only turns a later replay from "send the stored result again" into
     * "refuse", so losing or delaying it never writes twice.
     */
    private void markPublished(UUID correlationId) {
        ledgerMarks.execute(() -> {
            try {
                ledger.published(correlationId, clock.instant());
            } catch (RuntimeException e) {
                LOG.warnf("writeback correlationId=%s: PUBLISHED not stored (%s)", correlationId,
                        e.getClass().getSimpleName());
            }
        });
    }

    @PreDestroy
    void finishMarks() throws InterruptedException {
        ledgerMarks.shutdown();
        ledgerMarks.awaitTermination(10, TimeUnit.SECONDS);
    }

    private CompletionStage<Void> refuse(PasswordValidated event, Message<String> message,
            RefusedEventException refusal) {
        UUID correlationId = correlationId(event, message);
        String userKey = userKey(event, message);
        LOG.warnf("writeback correlationId=%s userKey=%s outcome=REFUSED reason=\"%s\"", correlationId, userKey,
                refusal.getMessage());
        stats.refused(correlationId.toString(), userKey, clock.instant());
        auditRefusal(event, message, correlationId, refusal);
        return message.nack(refusal);
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
                    refusal.auditReason(), username, username, WritebackService.SERVICE_NAME, details));
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
