package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worker alone, as a process, fed signed events straight onto sspr.password.validated: stopped hard between the
 * directory write and the offset commit it writes once and answers once; replayed, forged and unsigned events are
 * refused, dead-lettered and audited (fed by {@link WorkerFeed}); its heartbeat and run status show all of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WritebackExactlyOnceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKER = WorkerFeed.WORKER;

    private RunningStack parts;
    private TestDirectory directory;
    private TopicRecords topics;
    private ServiceProcesses worker;
    private WorkerFeed feed;
    private Map<TopicPartition, Long> resultsMark;
    private Map<TopicPartition, Long> deadLetterMark;
    private Map<TopicPartition, Long> auditMark;
    private Map<TopicPartition, Long> statusMark;
    private TestUser user;
    private final String initialPassword = TestDirectory.randomPassword();
    private final String newPassword = TestDirectory.randomPassword();
    private PasswordValidated applied;

    @BeforeAll
    void setUp() throws Exception {
        parts = RunningStack.fromEnvironment();
        directory = new TestDirectory(parts);
        topics = new TopicRecords(parts);
        feed = new WorkerFeed(parts);
        resultsMark = topics.mark(Topics.PASSWORD_RESULTS);
        deadLetterMark = topics.mark(Topics.deadLetter(Topics.PASSWORD_VALIDATED));
        auditMark = topics.mark(Topics.AUDIT_EVENTS);
        statusMark = topics.mark(Topics.WRITEBACK_STATUS);
        user = directory.createUser(initialPassword);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (user != null) {
            directory.deleteUser(user);
        }
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    @Order(1)
    void aWorkerStoppedHardBetweenTheWriteAndTheCommitWritesOnceAndAnswersOnce() throws Exception {
        applied = feed.adminReset(user, newPassword);
        worker = ServiceProcesses.startOnly(parts, "exactly-once", WORKER, oneConsumer(feed.workerSettings(true)));

        RecordMetadata sent = topics.send(feed.signed(applied));
        Process first = worker.process(WORKER);
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the worker stops itself right after the write");
        assertEquals(137, first.exitValue());
        assertTrue(directory.canBind(user, newPassword), "the write happened before the stop");
        long pwdLastSetAfterWrite = directory.pwdLastSet(user);
        assertTrue(topics.since(resultsMark, applied.correlationId()).isEmpty(), "no result before the restart");

        feed.forgetStoppedWorker();
        worker.restart(parts, WORKER, oneConsumer(feed.workerSettings(false)));
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        await().atMost(Duration.ofSeconds(60)).until(() -> feed.committedOffset(partition) > sent.offset());

        List<String> results = topics.since(resultsMark, applied.correlationId());
        assertEquals(1, results.size(), "one result: " + results);
        PasswordResult result = EventJson.read(results.get(0), PasswordResult.class);
        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(pwdLastSetAfterWrite, directory.pwdLastSet(user), "no second write: pwdLastSet did not move");
        assertTrue(directory.canBind(user, newPassword));
    }

    @Test
    @Order(2)
    void aRedeliveredEventGetsItsStoredResultAgainAndIsNotWrittenAgain() throws Exception {
        long before = directory.pwdLastSet(user);

        topics.send(feed.signed(applied));

        // A normal redelivery, not an attack: the same result (same event id, so one audit row), nothing refused.
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.since(resultsMark, applied.correlationId()).size() == 2);
        List<String> results = topics.since(resultsMark, applied.correlationId());
        assertEquals(results.get(0), results.get(1), "the stored result, sent again as it was");
        assertTrue(topics.since(deadLetterMark, applied.correlationId()).isEmpty(), "not dead-lettered");
        assertTrue(topics.since(auditMark, applied.correlationId()).stream().noneMatch(a -> a.contains("\"failure\"")),
                "not audited as a failure");
        assertEquals(before, directory.pwdLastSet(user));
    }

    @Test
    @Order(3)
    void aForgedEventIsRefusedDeadLetteredAndAudited() throws Exception {
        PasswordValidated genuine = feed.adminReset(user, TestDirectory.randomPassword());
        PasswordValidated forged = new PasswordValidated(genuine.eventId(), genuine.correlationId(),
                genuine.occurredAt(), genuine.expiresAt().plusSeconds(86_400), genuine.schemaVersion(),
                genuine.requestEventId(), genuine.operation(), genuine.userKey(), genuine.username(), genuine.userDn(),
                genuine.objectGuid(), genuine.sealedCurrentPassword(), genuine.sealedNewPassword(),
                genuine.mustChangeAtNextLogon());
        PasswordValidated unsigned = feed.adminReset(user, TestDirectory.randomPassword());
        long before = directory.pwdLastSet(user);

        // the later expiry under the genuine event's signature; and one with no signature at all
        ProducerRecord<String, String> signed = feed.signed(genuine);
        topics.send(new ProducerRecord<>(signed.topic(), null, signed.key(), EventJson.write(forged),
                signed.headers()));
        topics.send(Topics.PASSWORD_VALIDATED, unsigned.userKey(), EventJson.write(unsigned));

        awaitRefusal(forged.correlationId(), "signature invalid");
        awaitRefusal(unsigned.correlationId(), "signature invalid");
        assertTrue(topics.since(resultsMark, forged.correlationId()).isEmpty());
        assertEquals(before, directory.pwdLastSet(user), "nothing written");
        assertTrue(directory.canBind(user, newPassword));
    }

    @Test
    @Order(4)
    void theHeartbeatAndTheRunStatusShowTheWorkerItsRunsAndItsErrors() throws Exception {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> beats = topics.since(statusMark, feed.workerId());
            assertFalse(beats.isEmpty(), "a heartbeat on " + Topics.WRITEBACK_STATUS);
            JsonNode beat = JSON.readTree(beats.get(beats.size() - 1));
            assertTrue(beat.get("writebackEnabled").asBoolean());
            assertTrue(beat.get("directoryReachable").asBoolean());
            assertFalse(beat.get("directoryServer").isNull(), "names the DC");
            assertTrue(beat.get("certificateNotAfter").isTextual(), "the DC certificate's expiry");
            assertTrue(beat.get("counts").get("SUCCEEDED").asLong() >= 1);
        });

        // without a token: the summary, naming nobody; the recent runs and errors only with an operator's token
        Http.Response summary = new Http().get(worker.url(WORKER) + "/api/v1/run-status", Map.of());
        assertEquals(200, summary.status(), summary.rawBody());
        assertEquals("summary", summary.body().get("detail").asText());
        assertFalse(summary.body().has("recentRuns"), "no personal data without an operator token");
        assertFalse(summary.rawBody().contains(applied.correlationId().toString()), "no correlation id in the summary");
        assertTrue(summary.body().get("totals").get("SUCCEEDED").asLong() >= 1);
        Http.Response response = new Http().get(worker.url(WORKER) + "/api/v1/run-status",
                Map.of("Authorization", "Bearer " + parts.operatorToken()));
        assertEquals(200, response.status(), response.rawBody());
        JsonNode status = response.body();
        assertEquals("full", status.get("detail").asText());
        assertEquals(feed.workerId(), status.get("workerId").asText());
        assertTrue(status.get("directory").get("reachable").asBoolean());
        assertTrue(status.get("kafka").get("up").asBoolean(), status.get("kafka").toString());
        assertTrue(status.get("recentRuns").toString().contains(applied.correlationId().toString()));
        assertTrue(status.get("recentErrors").toString().contains("REFUSED"), "refusals are listed as errors");
        assertTrue(status.get("recentRuns").get(0).has("totalMillis"));
    }

    @Test
    @Order(5)
    void noTestPasswordAppearsInTheTopicsOrTheWorkerLogs() throws Exception {
        String records = SecretScan.allKafkaRecords(parts);
        String logs = SecretScan.files(worker.logFiles());
        for (String password : List.of(initialPassword, newPassword)) {
            for (String form : SecretScan.forms(password)) {
                assertFalse(records.contains(form), "a test password is in a Kafka record");
                assertFalse(logs.contains(form), "a test password is in a worker log");
            }
        }
    }

    private void awaitRefusal(UUID correlationId, String reason) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(1, topics.since(deadLetterMark, correlationId).size(), "dead-lettered once");
            List<String> audit = topics.since(auditMark, correlationId);
            assertTrue(audit.stream().anyMatch(a -> a.contains("\"resultReason\":\"" + reason + "\"")
                    && a.contains("\"failure\"")), "audited as " + reason + ": " + audit);
        });
    }

    /**
     * One consumer: the only second delivery is the one the stop causes, never a partition moving between the
     * worker's own consumers while they join (the local broker rebalances without delay), which would have the old
     * owner send the stored result again.
     */
    private static Map<String, String> oneConsumer(Map<String, String> settings) {
        Map<String, String> one = new HashMap<>(settings);
        one.put("mp.messaging.incoming.\"" + Topics.PASSWORD_VALIDATED + "\".concurrency", "1");
        return one;
    }
}
