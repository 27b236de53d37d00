package io.sspr.events.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sspr.events.AuditEvent;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.json.EventJson;
import io.sspr.events.json.MalformedEventException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** The failure rule alone: what is dead-lettered, what is tried again, and what is left for redelivery. */
class FailureRuleTest {
    private static final String TOPIC = Topics.PASSWORD_RESULTS;

    private final List<Message<?>> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failSends = new AtomicInteger();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final DeadLetterCounts counts = new DeadLetterCounts();
    private final FailureRule rule = new FailureRule(emitter(),
            new EventSigner("test-service", Keysets.newSigningKeyset()), new EventVerifier(Map.of()), metrics, counts, "test-service", Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofSeconds(1), Topics.AUDIT_EVENTS);

    @Test
    void aRecordIsAcknowledgedAfterItsEffect() {
        Acks acks = new Acks();
        CompletionStage<Void> done = rule.process(record("{}", acks), record -> { });
        assertTrue(done.toCompletableFuture().isDone());
        assertEquals(1, acks.acked.get());
        assertTrue(sent.isEmpty());
    }

    @Test
    void anUnprocessableRecordIsDeadLetteredWithItsStoryAuditedCountedAndAcknowledged() {
        Acks acks = new Acks();
        rule.process(record("{\"secret\":\"Pw-1\"}", acks), record -> {
            throw new MalformedEventException("PasswordResult event has a missing or invalid field 'status'");
        });
        assertEquals(1, acks.acked.get());
        assertEquals(2, sent.size(), "the dead letter and its audit record");

        Message<?> deadLetter = sent.get(0);
        OutgoingKafkaRecordMetadata<?> meta = deadLetter.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertEquals(TOPIC + ".dlq", meta.getTopic());
        assertEquals("user-1", meta.getKey());
        assertEquals("{\"secret\":\"Pw-1\"}", deadLetter.getPayload(), "the record as it came, for a replay");
        assertEquals("MALFORMED", header(meta, DeadLetterHeaders.REASON));
        assertEquals(TOPIC, header(meta, DeadLetterHeaders.TOPIC));
        assertEquals("3", header(meta, DeadLetterHeaders.PARTITION));
        assertEquals("42", header(meta, DeadLetterHeaders.OFFSET));
        assertEquals("test-service", header(meta, DeadLetterHeaders.SERVICE));
        assertEquals("urn:sspr:reset-portal", header(meta, "ce_source"), "the source's own headers are kept");

        OutgoingKafkaRecordMetadata<?> auditMeta = sent.get(1).getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertEquals(Topics.AUDIT_EVENTS, auditMeta.getTopic());
        AuditEvent audit = EventJson.read((String) sent.get(1).getPayload(), AuditEvent.class);
        assertEquals(AuditEvent.AuditResult.failure, audit.result());
        assertEquals("event malformed", audit.resultReason());
        assertEquals("user-1", audit.userKey());
        assertFalse(sent.get(1).getPayload().toString().contains("Pw-1"), "the audit never holds the payload");

        assertEquals(1.0, metrics.counter("sspr.messaging.dead.letters", "topic", TOPIC, "reason", "MALFORMED")
                .count());
        assertEquals(1L, counts.deadLettered().get(TOPIC + ".dlq MALFORMED"));
    }

    @Test
    void theAuditIdOfADeadLetterIsTheSameForARedeliveryAndDiffersForAnotherRecordAtThatPosition() {
        List<Message<String>> records = List.of(record("{\"first\":1}", new Acks(), 1_000L),
                record("{\"first\":1}", new Acks(), 1_000L), record("{\"other\":2}", new Acks(), 1_000L),
                record("{\"first\":1}", new Acks(), 9_000L));
        for (Message<String> message : records) {
            rule.process(message, record -> {
                throw new MalformedEventException("not an event");
            });
        }
        List<UUID> ids = List.of(1, 3, 5, 7).stream()
                .map(i -> EventJson.read((String) sent.get(i).getPayload(), AuditEvent.class).eventId()).toList();
        assertEquals(ids.get(0), ids.get(1), "the same record delivered again is one audit row");
        assertNotEquals(ids.get(0), ids.get(2), "another record at the same position is not taken for a repeat");
        assertNotEquals(ids.get(0), ids.get(3), "nor the same content written there again later");
    }

    @Test
    void aTransientFailureIsTriedAgainUntilItWorks() {
        Acks acks = new Acks();
        AtomicInteger attempts = new AtomicInteger();
        rule.process(record("{}", acks), record -> {
            if (attempts.incrementAndGet() < 4) {
                throw new IllegalStateException("database down");
            }
        });
        assertEquals(4, attempts.get());
        assertEquals(1, acks.acked.get());
        assertTrue(sent.isEmpty(), "nothing transient is ever dead-lettered");
        assertTrue(counts.retrying().isEmpty(), "recovered");
    }

    @Test
    void aDeadLetterKafkaDidNotTakeIsTriedAgain() {
        Acks acks = new Acks();
        failSends.set(1);
        rule.process(record("{}", acks), record -> {
            throw new UnprocessableEventException(UnprocessableEventException.Reason.FORGED, "signature invalid");
        });
        assertEquals(1, acks.acked.get());
        assertEquals("FORGED", header(sent.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow(),
                DeadLetterHeaders.REASON));
    }

    @Test
    void whenTheServiceStopsAFailingRecordStaysUnacknowledged() {
        Acks acks = new Acks();
        CompletionStage<Void> done = rule.process(record("{}", acks), record -> {
            rule.onStop(null);
            throw new IllegalStateException("connection pool closed");
        });
        assertFalse(done.toCompletableFuture().isDone(), "neither acked nor nacked: Kafka delivers it again");
        assertEquals(0, acks.acked.get());
        assertEquals(0, acks.nacked.get());
        assertTrue(sent.isEmpty());
    }

    private Message<String> record(String payload, Acks acks) {
        return record(payload, acks, ConsumerRecord.NO_TIMESTAMP);
    }

    /** Always at sspr.password.results-3@42, as after a topic was created again. */
    private Message<String> record(String payload, Acks acks, long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_source", "urn:sspr:reset-portal".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>(TOPIC, 3, 42L, timestamp,
                TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, "user-1", payload,
                headers, Optional.empty());
        IncomingKafkaRecordMetadata<String, String> kafka = new IncomingKafkaRecordMetadata<>(consumed, TOPIC);
        return Message.of(payload, Metadata.of(kafka), () -> {
            acks.acked.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acks.nacked.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
    }

    @SuppressWarnings("unchecked")
    private MutinyEmitter<String> emitter() {
        return (MutinyEmitter<String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("sendMessage")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (failSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        return Uni.createFrom().failure(new IllegalStateException("broker down"));
                    }
                    sent.add((Message<?>) args[0]);
                    return Uni.createFrom().voidItem();
                });
    }

    private static String header(OutgoingKafkaRecordMetadata<?> meta, String name) {
        return new String(meta.getHeaders().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static final class Acks {
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger nacked = new AtomicInteger();
    }
}
