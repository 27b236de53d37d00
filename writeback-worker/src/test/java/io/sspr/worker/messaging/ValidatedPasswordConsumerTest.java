package io.sspr.worker.messaging;

import static io.sspr.worker.testing.TestEvents.NOW;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.DeadLetterCounts;
import io.sspr.events.messaging.DeadLetterHeaders;
import io.sspr.events.messaging.FailureRule;
import io.sspr.worker.config.WorkerConfig;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.service.AfterWriteHook;
import io.sspr.worker.service.Backoff;
import io.sspr.worker.service.DirectoryWriter;
import io.sspr.worker.service.OutcomeRecorder;
import io.sspr.worker.service.ValidatedRequestHandler;
import io.sspr.worker.service.WritebackService;
import io.sspr.worker.service.WritebackStats;
import io.sspr.worker.testing.FakeDirectory;
import io.sspr.worker.testing.InMemoryLedger;
import io.sspr.worker.testing.MovableClock;
import io.sspr.worker.testing.RecordingEmitter;
import io.sspr.worker.testing.TestEvents;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer under the real failure rule, with Kafka's channels recorded: what is sent again, what is
 * dead-lettered and audited, and what is tried again until it works.
 */
class ValidatedPasswordConsumerTest {
    private final TestEvents events = new TestEvents();
    private final FakeDirectory directory = new FakeDirectory();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final MovableClock clock = new MovableClock(NOW);
    private final WritebackStats stats = new WritebackStats(clock);
    private final RecordingEmitter results = new RecordingEmitter();
    private final RecordingEmitter deadLetters = new RecordingEmitter();
    private final DeadLetterCounts counts = new DeadLetterCounts();
    private final FailureRule failureRule = new FailureRule(deadLetters,
            new EventSigner(Services.WRITEBACK_WORKER, Keysets.newSigningKeyset()), events.verifier(),
            new SimpleMeterRegistry(), counts,
            "writeback-worker", Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(5), Topics.AUDIT_EVENTS);
    private final OutcomeRecorder recorder = new OutcomeRecorder(stats, new SimpleMeterRegistry());
    private final WritebackService service = new WritebackService(
            new DirectoryWriter(directory, events.opener(), new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                    pause -> {
                    }, clock, AfterWriteHook.NONE),
            ledger, () -> true, recorder, clock);
    /** As the worker gets it: one mark at a time. */
    private final ManagedExecutor ledgerMarks = ManagedExecutor.builder().maxAsync(1).build();
    private final ValidatedPasswordConsumer consumer = new ValidatedPasswordConsumer(failureRule,
            new ValidatedRequestHandler(events.verifier(), service, new KafkaResultPublisher(results,
                    new EventSigner(Services.WRITEBACK_WORKER, Keysets.newSigningKeyset()),
                    publishTimeout(Duration.ofSeconds(5))), ledger, recorder, ledgerMarks, clock));
    private long offset;

    @AfterEach
    void stopMarks() throws InterruptedException {
        ledgerMarks.shutdown();
        ledgerMarks.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aPublishThatFailsAfterTheWriteIsTriedAgainWithTheStoredResult() throws Exception {
        PasswordValidated event = events.signed(Operation.RESET, NOW.plusSeconds(300));
        results.failNext(1);

        assertAcknowledged(consumer.consume(record(event)));

        assertEquals(2, results.attempted().size(), "the first publish failed, the retry sent it");
        assertEquals(results.attempted().get(0), results.attempted().get(1), "the same result: same eventId, time");
        PasswordResult result = EventJson.read(results.sentPayloads().get(0), PasswordResult.class);
        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(PasswordResult.eventIdFor(event.correlationId()), result.eventId());
        assertEquals(1, directory.calls().size(), "written once");
        assertTrue(deadLetters.attempted().isEmpty(), "a failed publish is transient, never a dead letter");
    }

    @Test
    void aLedgerFailureRightAfterTheWriteIsTriedAgainAndPublishesSucceededWithoutASecondWrite() throws Exception {
        PasswordValidated event = events.signed(Operation.CHANGE, NOW.plusSeconds(300));
        ledger.failNext("applied");

        assertAcknowledged(consumer.consume(record(event)));

        PasswordResult result = EventJson.read(results.sentPayloads().get(0), PasswordResult.class);
        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(1, results.sent().size());
        assertEquals(1, directory.calls().size());
        assertTrue(deadLetters.attempted().isEmpty());
    }

    @Test
    void aRedeliveryOfAnAnsweredRequestSendsTheStoredResultAgainAndRefusesNothing() throws Exception {
        PasswordValidated event = events.signed(Operation.RESET, NOW.plusSeconds(300));
        assertAcknowledged(consumer.consume(record(event)));
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.find(event.correlationId()).orElseThrow().state()
                == LedgerState.PUBLISHED);

        assertAcknowledged(consumer.consume(record(event)));

        assertEquals(2, results.sent().size());
        assertEquals(results.sentPayloads().get(0), results.sentPayloads().get(1));
        assertEquals(1, directory.calls().size());
        assertTrue(deadLetters.attempted().isEmpty(), "neither dead-lettered nor audited as a failure");
        assertFalse(stats.totals().containsKey("REFUSED"));
    }

    @Test
    void aForgedEventIsDeadLetteredAsForgedAndAuditedWithWhatItClaims() throws Exception {
        PasswordValidated genuine = events.signed(Operation.CHANGE, NOW.plusSeconds(300));
        PasswordValidated forged = TestEvents.withDn(genuine, "CN=Administrator,CN=Users,DC=example,DC=test");
        Map<String, byte[]> genuineSignature = events.headers(genuine, genuine.userKey(), EventJson.write(genuine));

        assertAcknowledged(consumer.consume(record(forged.userKey(), EventJson.write(forged), genuineSignature)));

        assertEquals(2, deadLetters.sent().size(), "the dead letter and its audit record");
        OutgoingKafkaRecordMetadata<?> where = deadLetters.sent().get(0)
                .getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertEquals(Topics.deadLetter(Topics.PASSWORD_VALIDATED), where.getTopic());
        assertEquals("FORGED", header(where, DeadLetterHeaders.REASON));
        AuditEvent audited = EventJson.read(deadLetters.sentPayloads().get(1), AuditEvent.class);
        assertEquals(forged.correlationId(), audited.correlationId());
        assertEquals(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, audited.activity());
        assertEquals("signature invalid", audited.resultReason());
        assertEquals("alice", audited.userKey());
        assertTrue(directory.calls().isEmpty());
        assertTrue(results.attempted().isEmpty());
        assertEquals(1L, stats.totals().get("REFUSED"));
    }

    @Test
    void aMalformedEventIsDeadLetteredAsMalformedAndAuditedWithWhatCouldBeRead() throws Exception {
        PasswordValidated event = events.signed(Operation.UNLOCK, NOW.plusSeconds(300));
        String withoutDn = EventJson.write(event).replace("\"userDn\":", "\"userDnMissing\":");

        assertAcknowledged(consumer.consume(record(event.userKey(), withoutDn)));

        assertEquals(2, deadLetters.sent().size());
        assertEquals("MALFORMED", header(deadLetters.sent().get(0).getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow(), DeadLetterHeaders.REASON));
        AuditEvent audited = EventJson.read(deadLetters.sentPayloads().get(1), AuditEvent.class);
        assertEquals(event.correlationId(), audited.correlationId());
        assertEquals(AuditActivity.UNLOCK_USER_ACCOUNT_SELF_SERVICE, audited.activity());
        assertEquals("event malformed", audited.resultReason());
        assertEquals(1L, stats.totals().get("REFUSED"));
    }

    @Test
    void aRequestMadeDuringADcOutageIsTriedAgainAndSucceedsWhenTheDcIsBack() throws Exception {
        PasswordValidated event = events.signed(Operation.RESET, NOW.plusSeconds(300));
        directory.down(true);

        CompletableFuture<Void> ack = CompletableFuture.supplyAsync(() -> consumer.consume(record(event)))
                .thenCompose(stage -> stage);
        await().atMost(Duration.ofSeconds(5)).until(() -> counts.retrying().containsKey(Topics.PASSWORD_VALIDATED));
        assertFalse(ack.isDone(), "not acknowledged while the DC is away");
        directory.down(false);

        assertAcknowledged(ack);
        PasswordResult result = EventJson.read(results.sentPayloads().get(0), PasswordResult.class);
        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(1, directory.calls().size());
        assertTrue(deadLetters.attempted().isEmpty());
    }

    private static void assertAcknowledged(CompletionStage<Void> ack) throws Exception {
        ack.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String header(OutgoingKafkaRecordMetadata<?> metadata, String name) {
        return new String(metadata.getHeaders().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** As the validator sends it: signed. */
    private Message<String> record(PasswordValidated event) {
        return record(event.userKey(), EventJson.write(event));
    }

    /** This value, signed by the validator. */
    private Message<String> record(String key, String payload) {
        PasswordValidated claimed = EventJson.read(payload.replace("\"userDnMissing\":", "\"userDn\":"),
                PasswordValidated.class);
        return record(key, payload, events.headers(claimed, key, payload));
    }

    private Message<String> record(String key, String payload, Map<String, byte[]> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach(recordHeaders::add);
        ConsumerRecord<String, String> consumed = new ConsumerRecord<>(Topics.PASSWORD_VALIDATED, 0, offset++,
                ConsumerRecord.NO_TIMESTAMP, org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, payload, recordHeaders, Optional.empty());
        return Message.of(payload).addMetadata(new IncomingKafkaRecordMetadata<>(consumed, Topics.PASSWORD_VALIDATED));
    }

    /** Only the publish timeout is read by KafkaResultPublisher. */
    private static WorkerConfig publishTimeout(Duration timeout) {
        return (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(),
                new Class<?>[] {WorkerConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("publishTimeout")) {
                        return timeout;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
