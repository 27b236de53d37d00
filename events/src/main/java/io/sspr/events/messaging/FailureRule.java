package io.sspr.events.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one failure rule of every incoming channel (DESIGN.md): a record is acknowledged only after its effect. One that
 * can never be processed ({@link UnprocessableEventException}) goes to {@code <topic>.dlq} with the reason and the
 * source position in its headers, is counted and audited, and is then acknowledged. Anything else is transient: the
 * record is tried again, with backoff, until it works; if the service stops first it stays unacknowledged, so Kafka
 * delivers it again after the restart. No input stops a channel.
 *
 * <p>Blocking: call it from a {@code @Blocking} consumer. The channel's records wait behind one being retried, which
 * keeps each user's events in order; whatever made it fail (database, DC, Kafka) would fail the next ones too.
 */
@ApplicationScoped
public class FailureRule {
    /** The outgoing channel every service configures for dead letters and their audit records (topic per record). */
    public static final String DEAD_LETTER_CHANNEL = "sspr-dead-letters";

    private static final Logger LOG = Logger.getLogger(FailureRule.class);

    /** What a consumer does with one record; it throws to say it could not. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(IncomingRecord record);
    }

    /** What a consumer does with one event whose signer has been proven. */
    @FunctionalInterface
    public interface EventHandler<T extends SsprEvent> {
        void handle(T event);
    }

    private final MutinyEmitter<String> deadLetters;
    private final EventSigner signer;
    private final EventVerifier verifier;
    private final MeterRegistry metrics;
    private final DeadLetterCounts counts;
    private final String service;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration publishTimeout;
    private final String auditTopic;
    private final Clock clock = Clock.systemUTC();
    private final CountDownLatch stopping = new CountDownLatch(1);

    public FailureRule(@Channel(DEAD_LETTER_CHANNEL) MutinyEmitter<String> deadLetters, EventSigner signer,
            EventVerifier verifier, MeterRegistry metrics,
            DeadLetterCounts counts,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "sspr.messaging.retry.initial-backoff", defaultValue = "200ms") Duration initialBackoff,
            @ConfigProperty(name = "sspr.messaging.retry.max-backoff", defaultValue = "5s") Duration maxBackoff,
            @ConfigProperty(name = "sspr.messaging.publish-timeout", defaultValue = "15s") Duration publishTimeout,
            @ConfigProperty(name = "sspr.messaging.audit-topic", defaultValue = Topics.AUDIT_EVENTS) String auditTopic) {
        this.deadLetters = deadLetters;
        this.signer = signer;
        this.verifier = verifier;
        this.metrics = metrics;
        this.counts = counts;
        this.service = service;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.publishTimeout = publishTimeout;
        this.auditTopic = auditTopic;
    }

    /** Runs before the connectors close: a record that fails from now on is left for redelivery. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping.countDown();
    }

    public boolean stopping() {
        return stopping.getCount() == 0;
    }

    /**
     * Reads the record as one event type through the service's {@link EventVerifier} (a record not signed by the
     * producer allowed to say it is FORGED, dead-lettered and audited), then hands the event over.
     */
    public <T extends SsprEvent> CompletionStage<Void> process(Message<?> message, Class<T> type,
            EventHandler<T> handler) {
        return process(message, record -> handler.handle(verifier.verify(record, type)));
    }

    /**
     * @return the acknowledgement once the record's effect (or its dead letter) is stored; a stage that never
     *         completes when the service stops before that, so the offset is not committed
     */
    public CompletionStage<Void> process(Message<?> message, RecordHandler handler) {
        IncomingRecord record = IncomingRecord.of(message);
        Duration backoff = initialBackoff;
        for (int attempt = 1;; attempt++) {
            try {
                handler.handle(record);
                if (attempt > 1) {
                    LOG.infof("%s processed after %d attempts", record.position(), attempt);
                    counts.recovered(record.topic());
                }
                return message.ack();
            } catch (UnprocessableEventException e) {
                if (deadLetter(record, e)) {
                    counts.recovered(record.topic());
                    return message.ack();
                }
            } catch (RuntimeException e) {
                // The type only: a message could quote anything, even a secret.
                LOG.warnf("%s not processed (attempt %d, %s): it stays unacknowledged and is tried again",
                        record.position(), attempt, describe(e));
                metrics.counter("sspr.messaging.retries", "topic", record.topic()).increment();
                counts.retrying(record.topic(), describe(e));
            }
            if (waitOrStop(backoff)) {
                LOG.infof("%s left unacknowledged at shutdown: Kafka delivers it again after the restart",
                        record.position());
                return new CompletableFuture<>();
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Whether the service began to stop; otherwise returns after the pause. */
    private boolean waitOrStop(Duration pause) {
        try {
            return stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** @return false when Kafka did not take the dead letter: then the record is tried again like any transient */
    private boolean deadLetter(IncomingRecord record, UnprocessableEventException failure) {
        String reason = failure.reason().name();
        try {
            deadLetters.sendMessage(deadLetterMessage(record, failure)).await().atMost(publishTimeout);
            deadLetters.sendMessage(EventMessages.of(auditEvent(record, failure), signer, auditTopic))
                    .await().atMost(publishTimeout);
        } catch (RuntimeException e) {
            LOG.warnf("%s could not be dead-lettered (%s): tried again", record.position(), describe(e));
            return false;
        }
        LOG.warnf("%s dead-lettered to %s: %s (%s)", record.position(), Topics.deadLetter(record.topic()), reason,
                failure.getMessage());
        metrics.counter("sspr.messaging.dead.letters", "topic", record.topic(), "reason", reason).increment();
        counts.deadLettered(record.topic(), reason);
        return true;
    }

    private Message<String> deadLetterMessage(IncomingRecord record, UnprocessableEventException failure) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach((name, value) -> {
            if (!DeadLetterHeaders.isDeadLetterHeader(name)) {
                headers.add(name, value);
            }
        });
        header(headers, DeadLetterHeaders.REASON, failure.reason().name());
        header(headers, DeadLetterHeaders.CAUSE, String.valueOf(failure.getMessage()));
        header(headers, DeadLetterHeaders.TOPIC, record.topic());
        header(headers, DeadLetterHeaders.PARTITION, Integer.toString(record.partition()));
        header(headers, DeadLetterHeaders.OFFSET, Long.toString(record.offset()));
        header(headers, DeadLetterHeaders.SERVICE, service);
        header(headers, DeadLetterHeaders.AT, clock.instant().toString());
        return Message.of(record.payload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(record.topic())).withKey(record.key()).withHeaders(headers).build());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Its id follows from the record's position, time and content, so a dead letter sent again after a crash is still one
     * audit row.
     * Names in an unverified event are what it claims: the user it claims to concern is the record's target, and
     * nobody is its initiator (Graph then shows the service that refused it), since nobody proved who sent it.
     */
    private AuditEvent auditEvent(IncomingRecord record, UnprocessableEventException failure) {
        UnprocessableEventException.Claims claims = failure.claims();
        UUID correlationId = claims != null && claims.correlationId() != null ? claims.correlationId()
                : record.subjectCorrelationId().orElseGet(() -> positionId(record, "correlation"));
        String userKey = claims != null && claims.userKey() != null ? claims.userKey() : record.userKeyOrUnknown();
        AuditActivity activity = claims != null && claims.activity() != null ? claims.activity()
                : Topics.SETTINGS.equals(record.topic()) ? AuditActivity.POLICY_CHANGES
                : AuditActivity.FLOW_ACTIVITY_PROGRESS;
        String username = claims == null ? null : claims.username();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stage", "dead-letter");
        details.put("topic", record.topic());
        details.put("partition", Integer.toString(record.partition()));
        details.put("offset", Long.toString(record.offset()));
        details.put("detail", String.valueOf(failure.getMessage()));
        return new AuditEvent(positionId(record, service), correlationId, clock.instant(), SsprEvent.SCHEMA_VERSION,
                userKey, activity, AuditEvent.AuditResult.failure, failure.reason().auditReason(), null, username,
                service, details);
    }

    /**
     * The same for a record delivered again; different for a record that once held the same position in a topic
     * since deleted and created again (a re-formatted broker), which the audit would otherwise take for a repeat: the
     * broker's timestamp and the content tell them apart.
     */
    private static UUID positionId(IncomingRecord record, String purpose) {
        return UUID.nameUUIDFromBytes((purpose + ":" + record.position() + ":" + record.timestamp() + ":"
                + record.key() + ":" + record.payload()).getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
    }
}
