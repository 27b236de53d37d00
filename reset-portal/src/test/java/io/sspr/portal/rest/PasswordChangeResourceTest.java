package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.UserKeys;
import io.sspr.events.Violation;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext.Field;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.DeadLetterHeaders;
import io.sspr.events.testing.PoisonRecords;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.TestKafka;
import io.sspr.portal.config.PortalConfig;
import io.sspr.portal.service.PasswordRequestPublisher;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The portal against the real Kafka and PostgreSQL of `deploy/local/stack parts`. */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
@TestMethodOrder(OrderAnnotation.class)
class PasswordChangeResourceTest {
    private static final String CHANGES = "/api/v1/password-changes";
    private static final Set<String> TEST_PASSWORDS = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataSource dataSource;

    @Inject
    PortalConfig portalConfig;

    @Test
    @Order(1)
    void anAcceptedChangeIsStoredSealedPublishedAndFollowsItsResult() throws Exception {
        String username = uniqueUsername();
        String current = password();
        String next = password();
        String requestId;
        PasswordRequested requested;
        try (KafkaConsumer<String, String> topic = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            Response response = submit(username, current, next);
            response.then().statusCode(202).body("status", equalTo("ACCEPTED")).body("requestId", notNullValue());
            requestId = response.jsonPath().getString("requestId");
            assertEquals("/api/v1/requests/" + requestId, response.getHeader("Location"), "relative, not from Host");

            ConsumerRecord<String, String> record = TestKafka.awaitRecord(topic,
                    r -> r.value().contains(requestId));
            requested = EventJson.read(record.value(), PasswordRequested.class);
            assertEquals(UserKeys.fromUsername(username), record.key(), "keyed by user key");
            assertEquals(PasswordRequested.TYPE, TestKafka.header(record, "ce_type"));
            assertEquals(requested.eventId().toString(), TestKafka.header(record, "ce_id"));
            assertEquals("urn:sspr:reset-portal", TestKafka.header(record, "ce_source"));
            // signed with the portal's own key, as the validator checks it
            assertEquals(requested, ServiceKeys.verifierOf(Services.POLICY_VALIDATOR,
                    SignedRecords.keysDirOf(Services.POLICY_VALIDATOR)).verify(SignedRecords.incoming(record),
                            PasswordRequested.class));
        }
        assertEquals(UUID.fromString(requestId), requested.correlationId());
        assertEquals(Operation.CHANGE, requested.operation());
        assertEquals(username, requested.username());
        assertEquals(username, requested.initiatedBy());
        assertEquals(Duration.ofMinutes(5), Duration.between(requested.occurredAt(), requested.expiresAt()));
        assertSealed(requested, Field.CURRENT_PASSWORD, requested.sealedCurrentPassword(), current);
        assertSealed(requested, Field.NEW_PASSWORD, requested.sealedNewPassword(), next);
        assertSealed(requested, Field.NEW_PASSWORD_FOR_VALIDATOR, requested.sealedNewPasswordForValidator(), next);

        Map<String, String> row = row(requestId);
        assertEquals("ACCEPTED", row.get("status"));
        assertEquals("REQUEST_ACCEPTED", row.get("code"));
        assertEquals(UserKeys.fromUsername(username), row.get("user_key"));
        get(requestId).then().statusCode(200).body("status", equalTo("ACCEPTED"));

        List<Violation> violations = List.of(new Violation(ResultCode.PASSWORD_TOO_SHORT, "Use at least 12 characters."),
                Violation.of(ResultCode.PASSWORD_NOT_COMPLEX));
        PasswordResult rejected = PasswordResult.unsuccessful(requested.correlationId(), Operation.CHANGE,
                requested.userKey(), username, RequestStatus.REJECTED, violations, "policy-validator", Instant.now());
        TestKafka.produce(Topics.PASSWORD_RESULTS, rejected, Services.POLICY_VALIDATOR);

        awaitStatus(requestId, "REJECTED");
        get(requestId).then().statusCode(200)
                .body("requestId", equalTo(requestId))
                .body("username", equalTo(username))
                .body("operation", equalTo("CHANGE"))
                .body("code", equalTo("PASSWORD_TOO_SHORT"))
                .body("message", equalTo("Use at least 12 characters."))
                .body("violations.code", hasItems("PASSWORD_TOO_SHORT", "PASSWORD_NOT_COMPLEX"))
                .body("violations.message", hasItems("Use at least 12 characters.",
                        ResultCode.PASSWORD_NOT_COMPLEX.defaultMessage()))
                .body("createdAt", notNullValue()).body("updatedAt", notNullValue())
                .body("expiresAt", equalTo(requested.expiresAt().toString()));
    }

    @Test
    @Order(2)
    void validatedMovesTheStatusOnButNeverBackFromTerminal() throws Exception {
        String username = uniqueUsername();
        String requestId = submit(username, password(), password()).then().statusCode(202).extract()
                .path("requestId");
        UUID id = UUID.fromString(requestId);
        String userKey = UserKeys.fromUsername(username);
        PasswordValidated validated = new PasswordValidated(UUID.randomUUID(), id, Instant.now(),
                Instant.now().plusSeconds(300), 1, UUID.randomUUID(), Operation.CHANGE, userKey, username,
                "CN=" + username + ",CN=Users,DC=example,DC=test", null, "c2VhbGVk", "c2VhbGVk", false);

        TestKafka.produce(Topics.PASSWORD_VALIDATED, validated, Services.POLICY_VALIDATOR);
        awaitStatus(requestId, "VALIDATED");
        get(requestId).then().body("code", equalTo("REQUEST_VALIDATED"));

        PasswordResult succeeded = PasswordResult.succeeded(id, Operation.CHANGE, userKey, username,
                "writeback-worker", Instant.now());
        TestKafka.produce(Topics.PASSWORD_RESULTS, succeeded, Services.WRITEBACK_WORKER);
        awaitStatus(requestId, "SUCCEEDED");

        // A redelivered validated event and a second, conflicting result change nothing; a later marker
        // result on another request proves both were consumed before we look.
        TestKafka.produce(Topics.PASSWORD_VALIDATED, validated, Services.POLICY_VALIDATOR);
        TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.unsuccessful(id,
                Operation.CHANGE, userKey, username, RequestStatus.FAILED, List.of(Violation.of(
                        ResultCode.DIRECTORY_UNAVAILABLE)), "writeback-worker", Instant.now()), Services.WRITEBACK_WORKER);
        String marker = submit(username, password(), password()).then().statusCode(202).extract().path("requestId");
        TestKafka.produce(Topics.PASSWORD_VALIDATED, new PasswordValidated(UUID.randomUUID(),
                UUID.fromString(marker), Instant.now(), Instant.now().plusSeconds(300), 1, UUID.randomUUID(),
                Operation.CHANGE, userKey, username, "CN=x", null, null, null, false), Services.POLICY_VALIDATOR);
        TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.succeeded(
                UUID.fromString(marker), Operation.CHANGE, userKey, username, "writeback-worker", Instant.now()),
                Services.WRITEBACK_WORKER);
        awaitStatus(marker, "SUCCEEDED");
        get(requestId).then().body("status", equalTo("SUCCEEDED")).body("code", equalTo("PASSWORD_CHANGED"));
    }

    static Stream<Arguments> badRequests() {
        String current = password();
        String next = password();
        return Stream.of(
                Arguments.of(body("a*", current, next), "USERNAME_INVALID", "a*"),
                Arguments.of(body("x)(y", current, next), "USERNAME_INVALID", "x)(y"),
                Arguments.of(body("a\\\\b", current, next), "USERNAME_INVALID", "a\\b"),
                Arguments.of(body("*)(uid=*))(|(uid=*", current, next), "USERNAME_INVALID", "uid="),
                Arguments.of("{\"username\":\"jdoe\",\"currentPassword\":\"" + current + "\"}", "INVALID_REQUEST",
                        current),
                Arguments.of(body("jdoe", "   ", next), "INVALID_REQUEST", next),
                Arguments.of("this is not JSON " + next, "INVALID_REQUEST", next),
                // read strictly: no second document, no number or boolean where text belongs
                Arguments.of(body("jdoe", current, next) + body("jdoe", current, next), "INVALID_REQUEST", next),
                Arguments.of("{\"username\":true,\"currentPassword\":\"" + current + "\",\"newPassword\":\""
                        + next + "\"}", "INVALID_REQUEST", next),
                Arguments.of("{\"username\":\"jdoe\",\"currentPassword\":12345678,\"newPassword\":\"" + next
                        + "\"}", "INVALID_REQUEST", next),
                Arguments.of("{\"username\":\"jdoe\",\"currentPassword\":[\"" + current + "\"],\"newPassword\":\"x\"}",
                        "INVALID_REQUEST", current),
                Arguments.of("", "INVALID_REQUEST", "jdoe"),
                Arguments.of(body("jdoe", current, next + "x".repeat(300)), "PASSWORD_TOO_LONG", next),
                Arguments.of(body("jdoe", current + "\\ud800", next), "PASSWORD_INVALID_CHARACTERS", current),
                Arguments.of(body("jdoe", current, "\\udc00" + next), "PASSWORD_INVALID_CHARACTERS", next));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    @Order(3)
    void aBadRequestGetsA400WithItsCodeAndNoEcho(String json, String code, String mustNotAppear) {
        String answer = given().contentType(ContentType.JSON).body(json).post(CHANGES)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("message", equalTo(ResultCode.valueOf(code).defaultMessage()))
                .extract().asString();
        assertFalse(answer.contains(mustNotAppear), "the input is not echoed: " + answer);
        assertFalse(answer.contains("Exception") || answer.contains("\tat "), "no stack trace: " + answer);
    }

    @Test
    @Order(4)
    void aRefusedRequestIsAuditedWithoutTheRawName() {
        try (KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            given().contentType(ContentType.JSON).body(body("ev)(il*name", password(), password())).post(CHANGES)
                    .then().statusCode(400).body("code", equalTo("USERNAME_INVALID"));
            ConsumerRecord<String, String> record = TestKafka.awaitRecord(audit,
                    r -> r.value().contains("\"usernameLength\":\"11\""));
            AuditEvent event = EventJson.read(record.value(), AuditEvent.class);
            assertEquals("invalid-username", event.userKey());
            assertEquals("invalid-username", record.key());
            assertEquals(AuditEvent.AuditResult.failure, event.result());
            assertEquals("USERNAME_INVALID", event.resultReason());
            assertEquals("reset-portal", event.loggedByService());
            assertEquals(Operation.CHANGE.activity(), event.activity());
            assertFalse(record.value().contains("ev)(il"), "the raw name is not in the audit event");
            assertEquals(AuditEvent.TYPE, TestKafka.header(record, "ce_type"));
            assertEquals(event, auditServiceReads(record), "signed by the portal, as the audit service checks it");
        }
    }

    @Test
    @Order(5)
    void aHugeBodyIsRefusedWith413() {
        given().contentType(ContentType.JSON).body(body("jdoe", "x".repeat(20_000), "y")).post(CHANGES)
                .then().statusCode(413);
    }

    @Test
    @Order(6)
    void unknownAndMalformedRequestIds() {
        get(UUID.randomUUID().toString()).then().statusCode(404).contentType(ContentType.JSON)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("message", equalTo(RequestStatusResource.NOT_FOUND_MESSAGE));
        for (String bad : List.of("not-a-uuid", "1-1-1-1-1", "' or 1=1 --")) {
            given().get("/api/v1/requests/{id}", bad).then().statusCode(400).contentType(ContentType.JSON)
                    .body("code", equalTo("INVALID_REQUEST"));
        }
    }

    @Test
    @Order(7)
    void aRequestStillOpenLongAfterItExpiredReadsExpired() throws Exception {
        UUID id = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(
                "insert into portal.password_requests (request_id, user_key, username, operation, status, code,"
                        + " message, violations, created_at, updated_at, expires_at)"
                        + " values (?, 'jdoe', 'jdoe', 'CHANGE', 'VALIDATED', 'REQUEST_VALIDATED', 'x', '[]', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(longAgo));
            insert.setTimestamp(3, Timestamp.from(longAgo));
            insert.setTimestamp(4, Timestamp.from(longAgo.plus(Duration.ofMinutes(5))));
            insert.executeUpdate();
        }
        try (KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            get(id.toString()).then().statusCode(200).body("status", equalTo("EXPIRED"))
                    .body("code", equalTo("REQUEST_EXPIRED"))
                    .body("message", equalTo(ResultCode.REQUEST_EXPIRED.defaultMessage()));
            assertEquals("EXPIRED", row(id.toString()).get("status"), "persisted");
            // the portal's own conclusion is the request's outcome in the audit trail: Graph's timeout
            AuditEvent expired = auditServiceReads(TestKafka.awaitRecord(audit, r -> r.value().contains(id.toString())));
            assertEquals(id, expired.correlationId());
            assertEquals(Operation.CHANGE.activity(), expired.activity());
            assertEquals(AuditEvent.AuditResult.timeout, expired.result());
            assertEquals("jdoe", expired.targetUser());
            assertNull(expired.initiatedBy(), "nobody but the portal concluded it");
            assertEquals(Map.of("stage", "result", "status", "EXPIRED", "code", "REQUEST_EXPIRED"), expired.details());
        }

        // EXPIRED was the portal's own conclusion: the pipeline's late word replaces it, so the page never
        // contradicts the directory.
        TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.succeeded(id,
                Operation.CHANGE, "jdoe", "jdoe", "writeback-worker", Instant.now()), Services.WRITEBACK_WORKER);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(id.toString()).then().body("status", equalTo("SUCCEEDED")));
    }

    @Test
    @Order(8)
    void whenKafkaDoesNotAcknowledgeTheUserGets503AndTheRequestIsFailed() throws Exception {
        QuarkusMock.installMockForType(new PasswordRequestPublisher(null, null, portalConfig) {
            @Override
            public boolean publish(PasswordRequested event) {
                return false;
            }
        }, PasswordRequestPublisher.class);
        given().contentType(ContentType.JSON).body(body(uniqueUsername(), password(), password())).post(CHANGES)
                .then().statusCode(503).contentType(ContentType.JSON)
                .body("code", equalTo("WRITEBACK_UNAVAILABLE"))
                .body("message", equalTo(ResultCode.WRITEBACK_UNAVAILABLE.defaultMessage()));
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(
                "select status, code from portal.password_requests order by created_at desc limit 1");
                ResultSet rows = query.executeQuery()) {
            assertTrue(rows.next());
            assertEquals("FAILED", rows.getString("status"));
            assertEquals("WRITEBACK_UNAVAILABLE", rows.getString("code"));
        }
    }

    @Test
    @Order(9)
    void aMalformedResultGoesToTheDeadLetterTopic() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        String secretLooking = password();
        try (KafkaConsumer<String, String> dlq = TestKafka.consumerAtEnd(Topics.deadLetter(Topics.PASSWORD_RESULTS));
                KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            // signed by the worker, so it is read, and found not to be a result
            PasswordResult claimed = PasswordResult.succeeded(UUID.randomUUID(), Operation.CHANGE, key, key,
                    Services.WRITEBACK_WORKER, Instant.now());
            TestKafka.send(SignedRecords.record(Topics.PASSWORD_RESULTS, key,
                    "{\"not\":\"a result\",\"pw\":\"" + secretLooking + "\"", claimed,
                    SignedRecords.signerOf(Services.WRITEBACK_WORKER)));
            ConsumerRecord<String, String> dead = TestKafka.awaitRecord(dlq, r -> key.equals(r.key()));
            assertEquals("MALFORMED", TestKafka.header(dead, DeadLetterHeaders.REASON));
            assertEquals(Topics.PASSWORD_RESULTS, TestKafka.header(dead, DeadLetterHeaders.TOPIC));
            assertNotNull(TestKafka.header(dead, DeadLetterHeaders.OFFSET));
            String cause = TestKafka.header(dead, DeadLetterHeaders.CAUSE);
            assertNotNull(cause);
            assertFalse(cause.contains(secretLooking), "the reason does not echo the payload");

            // the dead letter's audit record, signed by the portal, as the audit service checks it
            ConsumerRecord<String, String> audited = TestKafka.awaitRecord(audit, r -> key.equals(r.key()));
            AuditEvent event = auditServiceReads(audited);
            assertEquals("dead-letter", event.details().get("stage"));
            assertEquals(Services.RESET_PORTAL, event.loggedByService());
        }
        Map<String, Object> deadLetters = given().get("/q/health/live").then().statusCode(200).extract().jsonPath()
                .getMap("checks.find { it.name == 'dead-letters' }.data");
        assertTrue(((Number) deadLetters.get(Topics.deadLetter(Topics.PASSWORD_RESULTS) + " MALFORMED")).intValue() > 0,
                "the health details count the dead letters: " + deadLetters);
        // The consumer goes on after a poison message.
        anAcceptedChangeIsStoredSealedPublishedAndFollowsItsResult();
    }

    @ParameterizedTest
    @MethodSource("pipelineTopics")
    @Order(10)
    void noPoisonRecordStopsAChannel(String topic) throws Exception {
        String prefix = "poison-" + UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> poisons = PoisonRecords.forTopic(topic, prefix);
        try (KafkaConsumer<String, String> dlq = TestKafka.consumerAtEnd(Topics.deadLetter(topic))) {
            PoisonRecords.send(RealParts.kafkaBootstrapServers(), poisons);
            Set<String> deadKeys = ConcurrentHashMap.newKeySet();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        deadKeys.add(r.key());
                    }
                });
                return deadKeys.size() == poisons.size();
            });
        }
        // ... and the next good record on that channel is processed.
        if (topic.equals(Topics.PASSWORD_VALIDATED)) {
            validatedMovesTheStatusOnButNeverBackFromTerminal();
        } else {
            anAcceptedChangeIsStoredSealedPublishedAndFollowsItsResult();
        }
    }

    static Stream<String> pipelineTopics() {
        return Stream.of(Topics.PASSWORD_RESULTS, Topics.PASSWORD_VALIDATED);
    }

    /**
     * A change is a guess at the current password: five wrong ones in an hour (as the directory reports them, or the
     * answer an unknown name gets) block the account's self-service, for a known and an unknown name alike.
     */
    @Test
    @Order(60)
    void fiveWrongCurrentPasswordsBlockFurtherChangesForTheAccount() throws Exception {
        for (ResultCode directoryAnswer : List.of(ResultCode.CURRENT_PASSWORD_WRONG, ResultCode.USER_NOT_FOUND)) {
            String username = uniqueUsername();
            for (int attempt = 1; attempt <= 5; attempt++) {
                String requestId = submit(username, password(), password()).then().statusCode(202).extract()
                        .path("requestId");
                String reporter = directoryAnswer == ResultCode.USER_NOT_FOUND ? Services.POLICY_VALIDATOR
                        : Services.WRITEBACK_WORKER;
                TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.unsuccessful(UUID.fromString(requestId),
                        Operation.CHANGE, UserKeys.fromUsername(username), username,
                        directoryAnswer == ResultCode.USER_NOT_FOUND ? RequestStatus.REJECTED : RequestStatus.FAILED,
                        List.of(Violation.of(directoryAnswer)), reporter, Instant.now()), reporter);
                awaitStatus(requestId, directoryAnswer == ResultCode.USER_NOT_FOUND ? "REJECTED" : "FAILED");
                get(requestId).then().body("code", equalTo("CURRENT_PASSWORD_WRONG"));
            }
            Response blocked = submit(username, password(), password());
            blocked.then().statusCode(429).body("code", equalTo("SELF_SERVICE_BLOCKED"))
                    .body("blockedUntil", notNullValue());
            assertNotNull(blocked.getHeader("Retry-After"));
        }
    }

    @Test
    @Order(100)
    void noTestPasswordIsInTheDatabaseOrTheLog() throws Exception {
        assertTrue(TEST_PASSWORDS.size() > 5);
        StringBuilder dump = new StringBuilder();
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(
                "select * from portal.password_requests"); ResultSet rows = query.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    dump.append(rows.getString(i)).append('|');
                }
                dump.append('\n');
            }
        }
        Path logFile = Path.of("target/reset-portal-test.log");
        assertTrue(Files.exists(logFile), "the service log is written to " + logFile);
        String log = Files.readString(logFile);
        assertTrue(log.contains("outcome=REQUEST_ACCEPTED"), "the log has this run's request lines");
        for (String password : TEST_PASSWORDS) {
            assertFalse(dump.toString().contains(password), "a test password is in portal.password_requests");
            assertFalse(log.contains(password), "a test password is in the service log");
        }
    }

    private static AuditEvent auditServiceReads(ConsumerRecord<String, String> record) {
        return ServiceKeys.verifierOf(Services.AUDIT_SERVICE, SignedRecords.keysDirOf(Services.AUDIT_SERVICE))
                .verify(SignedRecords.incoming(record), AuditEvent.class);
    }

    private static void assertSealed(PasswordRequested event, Field field, String sealed, String plaintext) {
        assertNotNull(sealed);
        assertNotEquals(plaintext, sealed);
        assertFalse(sealed.contains(plaintext));
        String holder = field == Field.NEW_PASSWORD_FOR_VALIDATOR ? Services.POLICY_VALIDATOR : Services.WRITEBACK_WORKER;
        String file = field == Field.NEW_PASSWORD_FOR_VALIDATOR ? KeyHolders.VALIDATION_SEALING_PRIVATE
                : KeyHolders.SEALING_PRIVATE;
        SecretOpener opener = new SecretOpener(Keysets.readPrivate(SignedRecords.keysDirOf(holder).resolve(file)));
        try (Secret opened = opener.open(sealed, new SealingContext(event.correlationId(), event.userKey(),
                event.operation(), field))) {
            assertEquals(plaintext, new String(opened.chars()));
        }
    }

    private Map<String, String> row(String requestId) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(
                "select * from portal.password_requests where request_id = ?")) {
            query.setObject(1, UUID.fromString(requestId));
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "a row for " + requestId);
                Map<String, String> row = new java.util.HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnName(i), rows.getString(i));
                }
                return row;
            }
        }
    }

    private static void awaitStatus(String requestId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(requestId).jsonPath().getString("status"), status::equals);
    }

    private static Response get(String requestId) {
        return given().accept(ContentType.JSON).get("/api/v1/requests/{id}", requestId);
    }

    private static Response submit(String username, String current, String next) {
        return given().contentType(ContentType.JSON).body(body(username, current, next)).post(CHANGES);
    }

    /** JSON text as a client would send it; values are put in verbatim so that escapes can be tested. */
    private static String body(String username, String current, String next) {
        return "{\"username\":\"" + username + "\",\"currentPassword\":\"" + current + "\",\"newPassword\":\""
                + next + "\"}";
    }

    private static String uniqueUsername() {
        return "pt" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
    }

    /** Random, distinctive, remembered so that the last test can look for it everywhere. */
    private static String password() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        String password = "Pw" + HexFormat.of().formatHex(bytes) + "!";
        TEST_PASSWORDS.add(password);
        return password;
    }
}
