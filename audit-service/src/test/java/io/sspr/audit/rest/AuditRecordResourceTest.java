package io.sspr.audit.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.sspr.audit.service.ReadAuditor;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.Violation;
import io.sspr.events.messaging.DeadLetterHeaders;
import io.sspr.events.testing.PoisonRecords;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.TestKafka;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit service against the real Kafka and PostgreSQL of `deploy/local/stack parts`. */
@QuarkusTest
@WithTestResource(AuditRealParts.class)
class AuditRecordResourceTest {
    private static final String EVENTS = "/api/v1/audit/events";

    @Inject
    DataSource dataSource;

    @Test
    void aRequestAndItsResultBecomeTwoRecordsWithoutTheSealedPasswords() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String username = "audit-" + marker;
        String userKey = username;
        String sealedCurrent = "SEALED-CURRENT-" + marker;
        String sealedNew = "SEALED-NEW-" + marker;
        UUID correlationId = UUID.randomUUID();
        Instant submitted = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.MILLIS);

        PasswordRequested requested = new PasswordRequested(UUID.randomUUID(), correlationId, submitted,
                submitted.plus(PasswordRequested.DEFAULT_TTL), SsprEvent.SCHEMA_VERSION, Operation.CHANGE, userKey,
                username, sealedCurrent, sealedNew, "SEALED-CHECK-" + marker, username, false, null, null);
        PasswordResult rejected = PasswordResult.unsuccessful(correlationId, Operation.CHANGE, userKey, username,
                RequestStatus.REJECTED, List.of(Violation.of(ResultCode.PASSWORD_TOO_SHORT),
                        Violation.of(ResultCode.PASSWORD_NOT_COMPLEX)),
                "policy-validator", submitted.plusSeconds(1));

        try (LogCapture logs = LogCapture.start()) {
            send(Topics.PASSWORD_REQUESTED, requested);
            send(Topics.PASSWORD_RESULTS, rejected);

            JsonPath page = awaitRecords(correlationId, 2);
            String activity = AuditActivity.CHANGE_PASSWORD_SELF_SERVICE.displayName();

            // newest first: the result, then the request
            assertEquals(rejected.eventId().toString(), page.getString("value[0].id"));
            assertEquals(AuditActivity.CATEGORY, page.getString("value[0].category"));
            assertEquals(correlationId.toString(), page.getString("value[0].correlationId"));
            assertEquals(activity, page.getString("value[0].activityDisplayName"));
            assertEquals("failure", page.getString("value[0].result"));
            assertEquals("PASSWORD_TOO_SHORT: " + ResultCode.PASSWORD_TOO_SHORT.defaultMessage(),
                    page.getString("value[0].resultReason"));
            assertEquals("policy-validator", page.getString("value[0].loggedByService"));
            assertEquals("Update", page.getString("value[0].operationType"));
            assertEquals(username, page.getString("value[0].initiatedBy.user.userPrincipalName"));
            assertEquals(List.of(Map.of("type", "User", "userPrincipalName", username)),
                    page.getList("value[0].targetResources"));
            assertEquals(List.of(detail("stage", "result"), detail("status", "REJECTED"),
                    detail("code", "PASSWORD_TOO_SHORT"), detail("violations", "PASSWORD_TOO_SHORT,PASSWORD_NOT_COMPLEX")),
                    page.getList("value[0].additionalDetails"));
            assertEquals(rejected.occurredAt(), Instant.parse(page.getString("value[0].activityDateTime")));

            assertEquals(requested.eventId().toString(), page.getString("value[1].id"));
            assertEquals(activity, page.getString("value[1].activityDisplayName"));
            assertEquals("success", page.getString("value[1].result"));
            assertEquals("Request submitted", page.getString("value[1].resultReason"));
            assertEquals("reset-portal", page.getString("value[1].loggedByService"));
            assertEquals(username, page.getString("value[1].initiatedBy.user.userPrincipalName"));
            assertEquals(List.of(detail("stage", "requested")), page.getList("value[1].additionalDetails"));
            assertEquals(submitted, Instant.parse(page.getString("value[1].activityDateTime")));

            // the sealed passwords never reach the table or the log
            assertEquals(0, rowsContaining(sealedCurrent));
            assertEquals(0, rowsContaining(sealedNew));
            assertEquals(2, rowsContaining(correlationId.toString()));
            assertFalse(logs.contains(sealedCurrent), "a sealed password was logged");
            assertFalse(logs.contains(sealedNew), "a sealed password was logged");
        }

        // A redelivered result is not stored twice. The marker follows it on the same partition (same key),
        // so once the marker is recorded the duplicate has been consumed.
        send(Topics.PASSWORD_RESULTS, rejected);
        UUID markerCorrelation = UUID.randomUUID();
        send(Topics.PASSWORD_RESULTS, PasswordResult.succeeded(markerCorrelation, Operation.CHANGE, userKey, username,
                "writeback-worker", Instant.now()));
        awaitRecords(markerCorrelation, 1);
        assertEquals(1, rowsWithId(rejected.eventId()));
        assertEquals(2, auditor().queryParam("correlationId", correlationId.toString())
                .get(EVENTS).then().statusCode(200).extract().jsonPath().getList("value").size());
        // ... and counted as such
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("sspr_audit_records_total{outcome=\"stored\""), "stored records are counted");
        assertTrue(metrics.contains("sspr_audit_records_total{outcome=\"duplicate\""), "redeliveries are counted");
    }

    @Test
    void aMalformedRecordIsDeadLetteredUnloggedAndConsumptionGoesOn() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String userKey = "audit-poison-" + marker;
        String garbage = "{\"eventId\": \"not-a-uuid\", \"secret\": \"POISON-" + marker + "\"";
        UUID correlationId = UUID.randomUUID();
        AuditEvent blocked = new AuditEvent(UUID.randomUUID(), correlationId, Instant.now(), SsprEvent.SCHEMA_VERSION,
                userKey, AuditActivity.BLOCKED_FROM_SSPR, AuditResult.failure, "USERNAME_INVALID", null, userKey,
                "reset-portal", Map.of("reason", "too many attempts", "attempts", "5"));

        try (KafkaConsumer<String, String> deadLetters = TestKafka.consumerAtEnd(Topics.deadLetter(Topics.AUDIT_EVENTS));
                LogCapture logs = LogCapture.start()) {
            // signed by a producer the audit service trusts, so it is read, and found not to be an event
            AuditEvent claimed = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), Instant.now(),
                    SsprEvent.SCHEMA_VERSION, userKey, AuditActivity.BLOCKED_FROM_SSPR, AuditResult.failure, null, null,
                    userKey, "reset-portal", Map.of());
            TestKafka.send(SignedRecords.record(Topics.AUDIT_EVENTS, userKey, garbage, claimed,
                    SignedRecords.signerOf(Services.RESET_PORTAL)));
            send(Topics.AUDIT_EVENTS, blocked); // same key, same partition: behind the garbage

            JsonPath page = awaitRecords(correlationId, 1);
            assertEquals(AuditActivity.BLOCKED_FROM_SSPR.displayName(), page.getString("value[0].activityDisplayName"));
            assertEquals("failure", page.getString("value[0].result"));
            assertEquals("USERNAME_INVALID", page.getString("value[0].resultReason"));
            assertEquals("Update", page.getString("value[0].operationType"));
            assertEquals(List.of(detail("attempts", "5"), detail("reason", "too many attempts")),
                    page.getList("value[0].additionalDetails"));

            ConsumerRecord<String, String> dead = TestKafka.awaitRecord(deadLetters, r -> garbage.equals(r.value()));
            assertEquals("MALFORMED", TestKafka.header(dead, DeadLetterHeaders.REASON));
            assertEquals(Topics.AUDIT_EVENTS, TestKafka.header(dead, DeadLetterHeaders.TOPIC));
            String cause = TestKafka.header(dead, DeadLetterHeaders.CAUSE);
            assertNotNull(cause);
            assertFalse(cause.contains("POISON"), "the dead-letter reason echoes the input");
            assertTrue(logs.contains("dead-lettered to " + Topics.deadLetter(Topics.AUDIT_EVENTS)),
                    "the log capture saw nothing");
            assertFalse(logs.contains("POISON-" + marker), "the malformed record's content was logged");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.PASSWORD_REQUESTED, Topics.PASSWORD_RESULTS, Topics.AUDIT_EVENTS})
    void noPoisonRecordStopsAChannel(String topic) throws Exception {
        String prefix = "poison-" + UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> poisons = PoisonRecords.forTopic(topic, prefix);
        try (KafkaConsumer<String, String> deadLetters = TestKafka.consumerAtEnd(Topics.deadLetter(topic))) {
            PoisonRecords.send(RealParts.kafkaBootstrapServers(), poisons);
            Set<String> dead = new HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        dead.add(record.key());
                    }
                });
                return dead.size() == poisons.size();
            });
        }
        UUID correlationId = UUID.randomUUID();
        send(topic, goodEvent(topic, correlationId));
        awaitRecords(correlationId, 1);
    }

    @Test
    void aStringPostgresqlRefusesIsStoredReadablyAndConsumptionGoesOn() throws Exception {
        UUID correlationId = UUID.randomUUID();
        String userKey = "audit-nul-" + correlationId.toString().substring(0, 8);
        send(Topics.AUDIT_EVENTS, new AuditEvent(UUID.randomUUID(), correlationId, Instant.now(),
                SsprEvent.SCHEMA_VERSION, userKey, AuditActivity.BLOCKED_FROM_SSPR, AuditResult.failure,
                "before\u0000after", null, userKey, "reset-portal", Map.of("nul\u0000key", "nul\u0000value")));
        JsonPath page = awaitRecords(correlationId, 1);
        assertEquals("before\uFFFDafter", page.getString("value[0].resultReason"));
        assertEquals(List.of(detail("nul\uFFFDkey", "nul\uFFFDvalue")), page.getList("value[0].additionalDetails"));

        UUID next = UUID.randomUUID();
        send(Topics.AUDIT_EVENTS, goodEvent(Topics.AUDIT_EVENTS, next));
        awaitRecords(next, 1);
    }

    /**
     * Three events in one producer batch, so in one poll and one of the service's batches: the middle one's time is
     * past what PostgreSQL stores (year 294276), so the batch's transaction fails as a whole; its records are then
     * stored one by one, the refused one dead-lettered as MALFORMED, its neighbours stored once each.
     */
    @Test
    void aRecordPostgresqlRefusesIsDeadLetteredAndTheRestOfItsBatchStored() throws Exception {
        UUID correlationId = UUID.randomUUID();
        String userKey = "audit-batch-" + correlationId.toString().substring(0, 8);
        AuditEvent before = blockedAt(correlationId, userKey, Instant.now());
        AuditEvent refused = blockedAt(UUID.randomUUID(), userKey, Instant.parse("+300000-01-01T00:00:00Z"));
        AuditEvent after = blockedAt(correlationId, userKey, Instant.now());
        try (KafkaConsumer<String, String> deadLetters = TestKafka.consumerAtEnd(Topics.deadLetter(Topics.AUDIT_EVENTS));
                LogCapture logs = LogCapture.start();
                var producer = TestKafka.producer()) {
            // same key, one partition; sent together, flushed once: one record batch in the log, one fetch
            for (AuditEvent event : List.of(before, refused, after)) {
                producer.send(SignedRecords.byItsProducer(Topics.AUDIT_EVENTS, event));
            }
            producer.flush();

            awaitRecords(correlationId, 2);
            ConsumerRecord<String, String> dead = TestKafka.awaitRecord(deadLetters,
                    r -> r.value() != null && r.value().contains(refused.eventId().toString()));
            assertEquals("MALFORMED", TestKafka.header(dead, DeadLetterHeaders.REASON));
            assertTrue(logs.contains("could not be stored at once"), "the three were not one batch");
        }
        assertEquals(1, rowsWithId(before.eventId()));
        assertEquals(0, rowsWithId(refused.eventId()));
        assertEquals(1, rowsWithId(after.eventId()));
    }

    private static AuditEvent blockedAt(UUID correlationId, String userKey, Instant at) {
        return new AuditEvent(UUID.randomUUID(), correlationId, at, SsprEvent.SCHEMA_VERSION, userKey,
                AuditActivity.BLOCKED_FROM_SSPR, AuditResult.failure, "USERNAME_INVALID", null, userKey,
                "reset-portal", Map.of());
    }

    private static SsprEvent goodEvent(String topic, UUID correlationId) {
        String userKey = "audit-good-" + correlationId.toString().substring(0, 8);
        Instant now = Instant.now();
        return switch (topic) {
            case Topics.PASSWORD_REQUESTED -> new PasswordRequested(UUID.randomUUID(), correlationId, now,
                    now.plus(PasswordRequested.DEFAULT_TTL), SsprEvent.SCHEMA_VERSION, Operation.CHANGE, userKey,
                    userKey, "SEALED-CURRENT", "SEALED-NEW", "SEALED-CHECK", userKey, false, null, null);
            case Topics.PASSWORD_RESULTS -> PasswordResult.unsuccessful(correlationId, Operation.CHANGE, userKey,
                    userKey, RequestStatus.REJECTED, List.of(Violation.of(ResultCode.PASSWORD_TOO_SHORT)),
                    "policy-validator", now);
            default -> new AuditEvent(UUID.randomUUID(), correlationId, now, SsprEvent.SCHEMA_VERSION, userKey,
                    AuditActivity.BLOCKED_FROM_SSPR, AuditResult.failure, "USERNAME_INVALID", null, userKey,
                    "reset-portal", Map.of());
        };
    }

    @Test
    void filtersByActivityAndResultAndHonoursTheLimit() throws Exception {
        String userKey = "audit-filter-" + UUID.randomUUID().toString().substring(0, 8);
        UUID correlationId = UUID.randomUUID();
        send(Topics.PASSWORD_RESULTS, new PasswordResult(UUID.randomUUID(), correlationId, Instant.now(),
                SsprEvent.SCHEMA_VERSION, Operation.RESET, userKey, userKey, RequestStatus.EXPIRED,
                ResultCode.REQUEST_EXPIRED, null, List.of(), "writeback-worker"));
        awaitRecords(correlationId, 1);

        String activity = AuditActivity.RESET_PASSWORD_SELF_SERVICE.displayName();
        auditor().queryParam("correlationId", correlationId.toString()).queryParam("activity", activity)
                .queryParam("result", "timeout")
                .get(EVENTS).then().statusCode(200)
                .body("value.size()", equalTo(1))
                .body("value[0].resultReason", equalTo("REQUEST_EXPIRED: " + ResultCode.REQUEST_EXPIRED.defaultMessage()))
                .body("value[0].additionalDetails", hasItem(detail("violations", "")));
        auditor().queryParam("correlationId", correlationId.toString()).queryParam("result", "success")
                .get(EVENTS).then().statusCode(200).body("value.size()", equalTo(0));
        auditor().queryParam("limit", "1").get(EVENTS).then().statusCode(200).body("value.size()", equalTo(1));
    }

    @Test
    void badParametersAreRefusedWithInvalidRequest() {
        auditor().queryParam("correlationId", "not-a-uuid").get(EVENTS).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("message", equalTo("correlationId must be a UUID."));
        auditor().queryParam("limit", "1001").get(EVENTS).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        auditor().queryParam("limit", "ten").get(EVENTS).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        auditor().queryParam("result", "unknownFutureValue").get(EVENTS).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check")));
    }

    private static RequestSpecification auditor() {
        return given().auth().oauth2(AuditTokens.auditor());
    }

    private static JsonPath awaitRecords(UUID correlationId, int count) {
        JsonPath[] page = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            page[0] = auditor().queryParam("correlationId", correlationId.toString())
                    .queryParam("category", AuditActivity.CATEGORY)
                    .get(EVENTS).then().statusCode(200).extract().jsonPath();
            return page[0].getList("value").size() >= count;
        });
        assertEquals(count, page[0].getList("value").size());
        return page[0];
    }

    private static void send(String topic, SsprEvent event) throws Exception {
        TestKafka.send(SignedRecords.byItsProducer(topic, event));
    }

    private static Map<String, String> detail(String key, String value) {
        return Map.of("key", key, "value", value);
    }

    /**
     * Records of events whose whole text (every column, the details included) contains the value; not the audits of
     * the reads, which name the filters they were asked for.
     */
    private long rowsContaining(String value) throws Exception {
        return count("select count(*) from audit.audit_record r where strpos(r::text, ?) > 0 and r.category <> '"
                + ReadAuditor.CATEGORY + "'", value);
    }

    private long rowsWithId(UUID id) throws Exception {
        return count("select count(*) from audit.audit_record where id = ?", id);
    }

    private long count(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
