package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.Verification.Method;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.TestKafka;
import io.sspr.events.testing.TestMail;
import io.sspr.portal.service.AuthenticatorSecrets;
import io.sspr.portal.service.DirectoryUserService;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.codec.binary.Base32;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * Reset, unlock and authenticator registration in the portal, against the real Kafka, PostgreSQL and SMTP server of
 * `deploy/local/stack parts`: codes are read from the mail server, requests from Kafka. The directory's users come
 * from the worker's sync topic in production; here they are handed to the same service. The pipeline's own part
 * (validator, worker, Samba) is proven in e2e.
 */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class SelfServiceFlowTest {
    private static final String RESETS = "/api/v1/password-resets";
    private static final String UNLOCKS = "/api/v1/account-unlocks";
    private static final String REGISTRATIONS = "/api/v1/authenticator-registrations";

    @Inject
    DirectoryUserService users;

    @Inject
    AuthenticatorSecrets authenticators;

    @Inject
    DataSource dataSource;

    @Test
    void aResetByMailCodeHandsAnAttestedResetToThePipelineAndTheCodeWorksOnce() throws Exception {
        TestUser user = knownUser();
        long mark = TestMail.mark(user.mail());
        String resetId = start(RESETS, user.name()).then().statusCode(202).extract().path("resetId");
        String code = TestMail.awaitCode(user.mail(), TestMail.after(mark));

        verify(RESETS, resetId, "email", wrong(code)).then().statusCode(400).body("code", equalTo("CODE_WRONG"));
        given().contentType(ContentType.JSON).body(Map.of("newPassword", "Fresh-Pass-1234"))
                .post(RESETS + "/" + resetId + "/complete").then().statusCode(409)
                .body("code", equalTo("VERIFICATION_INCOMPLETE"));
        verify(RESETS, resetId, "email", code).then().statusCode(200).body("remaining.size()", equalTo(0));
        verify(RESETS, resetId, "email", code).then().statusCode(400).body("code", equalTo("CODE_WRONG"));

        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            Response completed = given().contentType(ContentType.JSON).body(Map.of("newPassword", "Fresh-Pass-1234"))
                    .post(RESETS + "/" + resetId + "/complete");
            completed.then().statusCode(202).body("requestId", notNullValue());
            String requestId = completed.path("requestId");
            assertEquals("/api/v1/requests/" + requestId, completed.getHeader("Location"));
            PasswordRequested reset = EventJson.read(TestKafka.awaitRecord(requests,
                    r -> r.value().contains(requestId)).value(), PasswordRequested.class);
            assertEquals(Operation.RESET, reset.operation());
            assertEquals(user.guid(), reset.userKey(), "keyed by the directory's objectGUID");
            assertEquals(user.name(), reset.username());
            assertNull(reset.sealedCurrentPassword());
            assertNotNull(reset.sealedNewPassword());
            assertEquals(List.of(Method.email), reset.verification().methods());
            assertTrue(reset.verification().isComplete());
        }
        assertNoSecretsStored(code);
    }

    @Test
    void unknownAndIneligibleNamesGetTheSameAnswersAndNoMail() {
        TestUser disabled = user(false, false, true);
        TestUser outOfScope = user(true, false, false);
        TestUser admin = user(true, true, true);
        for (String name : List.of("nobody-" + UUID.randomUUID().toString().substring(0, 8), disabled.name(),
                outOfScope.name(), admin.name())) {
            Response started = start(RESETS, name);
            started.then().statusCode(202);
            assertEquals(List.of("resetId"), new ArrayList<>(started.jsonPath().getMap("").keySet()));
            verify(RESETS, started.path("resetId"), "email", "123456").then().statusCode(400)
                    .body("code", equalTo("CODE_WRONG"));
        }
        for (TestUser ineligible : List.of(disabled, outOfScope, admin)) {
            assertTrue(TestMail.messagesTo(ineligible.mail()).isEmpty(), "no code for " + ineligible.name());
        }
        verify(RESETS, UUID.randomUUID().toString(), "email", "123456").then().statusCode(400)
                .body("code", equalTo("CODE_WRONG"));
        verify(RESETS, "not-an-id", "authenticator", "123456").then().statusCode(400)
                .body("code", equalTo("CODE_WRONG"));
    }

    @Test
    void aNewResetVoidsTheCodeOfTheOlderOne() {
        TestUser user = knownUser();
        long mark = TestMail.mark(user.mail());
        String first = start(RESETS, user.name()).path("resetId");
        String firstCode = TestMail.awaitCode(user.mail(), TestMail.after(mark));
        long second = TestMail.mark(user.mail());
        String next = start(RESETS, user.name()).path("resetId");
        String nextCode = TestMail.awaitCode(user.mail(), TestMail.after(second));
        verify(RESETS, first, "email", firstCode).then().statusCode(400).body("code", equalTo("CODE_WRONG"));
        verify(RESETS, next, "email", nextCode).then().statusCode(200);
    }

    @Test
    void fiveFailuresBlockSelfServiceForADayForKnownAndUnknownNamesAlikeAndTheBlockIsAudited() {
        TestUser user = knownUser();
        String unknown = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            for (String name : List.of(user.name(), unknown)) {
                String resetId = start(RESETS, name).path("resetId");
                for (int attempt = 1; attempt < 5; attempt++) {
                    verify(RESETS, resetId, "email", "000000").then().statusCode(400);
                }
                Instant before = Instant.now();
                Response blocked = verify(RESETS, resetId, "email", "000000");
                blocked.then().statusCode(429).body("code", equalTo("SELF_SERVICE_BLOCKED"));
                Instant until = Instant.parse(blocked.path("blockedUntil"));
                assertTrue(until.isAfter(before.plusSeconds(23 * 3600)), "blocked for 24 hours: " + until);
                assertNotNull(blocked.getHeader("Retry-After"));
                start(RESETS, name).then().statusCode(429).body("code", equalTo("SELF_SERVICE_BLOCKED"));
                start(UNLOCKS, name).then().statusCode(429).body("code", equalTo("SELF_SERVICE_BLOCKED"));
            }
            ConsumerRecord<String, String> record = TestKafka.awaitRecord(audit,
                    r -> r.value().contains(AuditActivity.BLOCKED_FROM_SSPR.name()) && r.key().equals(user.guid()));
            AuditEvent event = EventJson.read(record.value(), AuditEvent.class);
            assertEquals(AuditActivity.BLOCKED_FROM_SSPR, event.activity());
            assertEquals(user.name(), event.targetUser());
        }
    }

    @Test
    void aSuccessfulChangeIsFollowedByOneNoticeMail() throws Exception {
        TestUser user = knownUser();
        String requestId = given().contentType(ContentType.JSON).body(Map.of("username", user.name(),
                "currentPassword", "Current-Pass-1", "newPassword", "Fresh-Pass-1234"))
                .post("/api/v1/password-changes").then().statusCode(202).extract().path("requestId");
        long mark = TestMail.mark(user.mail());
        PasswordResult succeeded = PasswordResult.succeeded(UUID.fromString(requestId), Operation.CHANGE,
                io.sspr.events.UserKeys.fromUsername(user.name()), user.name(), Services.WRITEBACK_WORKER,
                Instant.now());
        TestKafka.produce(Topics.PASSWORD_RESULTS, succeeded, Services.WRITEBACK_WORKER);
        TestKafka.produce(Topics.PASSWORD_RESULTS, succeeded, Services.WRITEBACK_WORKER);
        TestMail.Mail notice = TestMail.awaitMail(user.mail(), TestMail.after(mark)
                .and(TestMail.subjectMatches("(?i)password was changed")));
        assertTrue(notice.text().contains("If this was not you"), notice.text());
        assertEquals(1, TestMail.messagesTo(user.mail()).stream().filter(TestMail.after(mark)).count(),
                "a redelivered result sends no second notice");
    }

    @Test
    void aStartRefusedForItsNameIsAuditedWithoutTheName() {
        try (KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            start(RESETS, "ev)(il*nm").then().statusCode(400).body("code", equalTo("USERNAME_INVALID"));
            AuditEvent refused = EventJson.read(TestKafka.awaitRecord(audit,
                    r -> r.value().contains("\"usernameLength\":\"9\"")).value(), AuditEvent.class);
            assertEquals(AuditActivity.RESET_PASSWORD_SELF_SERVICE, refused.activity());
            assertEquals(AuditEvent.AuditResult.failure, refused.result());
            assertEquals("USERNAME_INVALID", refused.resultReason());
            assertEquals(Map.of("stage", "refused", "usernameLength", "9"), refused.details());
            assertNull(refused.targetUser(), "a name that is not one is not recorded");
        }
    }

    @Test
    void anUnlockTakesNoPasswordAndCarriesTheAttestation() throws Exception {
        TestUser user = knownUser();
        long mark = TestMail.mark(user.mail());
        String unlockId = start(UNLOCKS, user.name()).then().statusCode(202).extract().path("unlockId");
        String code = TestMail.awaitCode(user.mail(), TestMail.after(mark));
        verify(UNLOCKS, unlockId, "email", code).then().statusCode(200);
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            String requestId = given().contentType(ContentType.JSON).body("{}")
                    .post(UNLOCKS + "/" + unlockId + "/complete").then().statusCode(202).extract().path("requestId");
            PasswordRequested unlock = EventJson.read(TestKafka.awaitRecord(requests,
                    r -> r.value().contains(requestId)).value(), PasswordRequested.class);
            assertEquals(Operation.UNLOCK, unlock.operation());
            assertNull(unlock.sealedNewPassword());
            assertNull(unlock.sealedCurrentPassword());
            assertTrue(unlock.verification().isComplete());
        }
    }

    @Test
    void anAuthenticatorIsRegisteredAfterTheDirectoryConfirmedThePasswordAndThenVerifiesAReset() throws Exception {
        TestUser user = knownUser();
        String registrationId;
        PasswordRequested check;
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            registrationId = given().contentType(ContentType.JSON)
                    .body(Map.of("username", user.name(), "currentPassword", "Current-Pass-1"))
                    .post(REGISTRATIONS).then().statusCode(202).extract().path("registrationId");
            given().get(REGISTRATIONS + "/" + registrationId).then().statusCode(200)
                    .body("state", equalTo("CHECKING_PASSWORD"));
            check = EventJson.read(TestKafka.awaitRecord(requests, r -> r.value().contains("VERIFY_PASSWORD")
                    && r.key().equals(user.guid())).value(), PasswordRequested.class);
        }
        assertNotNull(check.sealedCurrentPassword());
        assertNull(check.sealedNewPassword());

        // the worker's answer: the directory accepted the password
        long mark = TestMail.mark(user.mail());
        TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.succeeded(check.correlationId(),
                Operation.VERIFY_PASSWORD, check.userKey(), check.username(), Services.WRITEBACK_WORKER,
                Instant.now()), Services.WRITEBACK_WORKER);
        String code = TestMail.awaitCode(user.mail(), TestMail.after(mark));
        given().get(REGISTRATIONS + "/" + registrationId).then().body("state", equalTo("CODE_SENT"));

        Response enrolment = given().contentType(ContentType.JSON).body(Map.of("code", code))
                .post(REGISTRATIONS + "/" + registrationId + "/verify");
        enrolment.then().statusCode(200);
        String uri = enrolment.path("otpauthUri");
        assertTrue(uri.startsWith("otpauth://totp/"), uri);
        assertTrue(((String) enrolment.path("qrCode")).startsWith("data:image/png;base64,"));
        byte[] secret = new Base32().decode(query(uri, "secret"));

        given().contentType(ContentType.JSON).body(Map.of("code", "000000"))
                .post(REGISTRATIONS + "/" + registrationId + "/confirm").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("code", authenticators.codeAt(secret, Instant.now())))
                .post(REGISTRATIONS + "/" + registrationId + "/confirm").then().statusCode(200)
                .body("state", equalTo("CONFIRMED"));

        // the app's code verifies a reset on its own (one method required); the code just used does not work again
        String resetId = start(RESETS, user.name()).path("resetId");
        verify(RESETS, resetId, "authenticator", authenticators.codeAt(secret, Instant.now().minusSeconds(30)))
                .then().statusCode(400);
        verify(RESETS, resetId, "authenticator", authenticators.codeAt(secret, Instant.now().plusSeconds(30)))
                .then().statusCode(200).body("remaining.size()", equalTo(0));
        assertNoSecretsStored(code);
    }

    @Test
    void aWrongCurrentPasswordFailsTheRegistrationWithTheAnswerAnUnknownUserGets() throws Exception {
        TestUser user = knownUser();
        for (String name : List.of(user.name(), "nobody-" + UUID.randomUUID().toString().substring(0, 8))) {
            PasswordRequested check;
            String registrationId;
            try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
                registrationId = given().contentType(ContentType.JSON)
                        .body(Map.of("username", name, "currentPassword", "Wrong-Pass-1"))
                        .post(REGISTRATIONS).then().statusCode(202).extract().path("registrationId");
                check = EventJson.read(TestKafka.awaitRecord(requests, r -> r.value().contains("VERIFY_PASSWORD")
                        && r.value().contains("\"username\":\"" + name + "\"")).value(), PasswordRequested.class);
            }
            var code = name.equals(user.name()) ? io.sspr.events.ResultCode.CURRENT_PASSWORD_WRONG
                    : io.sspr.events.ResultCode.USER_NOT_FOUND;
            String reporter = name.equals(user.name()) ? Services.WRITEBACK_WORKER : Services.POLICY_VALIDATOR;
            TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.unsuccessful(check.correlationId(),
                    Operation.VERIFY_PASSWORD, check.userKey(), name,
                    name.equals(user.name()) ? io.sspr.events.RequestStatus.FAILED
                            : io.sspr.events.RequestStatus.REJECTED,
                    List.of(io.sspr.events.Violation.of(code)), reporter, Instant.now()), reporter);
            String id = registrationId;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> "FAILED".equals(given().get(REGISTRATIONS + "/" + id).path("state")));
            given().get(REGISTRATIONS + "/" + id).then().body("code", equalTo("CURRENT_PASSWORD_WRONG"));
        }
    }

    /** Letters only: a user name with six digits in a row would look like a code in the mail. */
    private static String letters() {
        StringBuilder letters = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom.current().ints(10, 'a', 'z' + 1).forEach(c -> letters.append((char) c));
        return letters.toString();
    }

    private static Response start(String flow, String name) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name)).post(flow);
    }

    private static Response verify(String flow, String id, String method, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("method", method, "code", code))
                .post(flow + "/" + id + "/verify");
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    private static String query(String uri, String name) {
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " missing in " + uri);
    }

    private record TestUser(String guid, String name, String mail) {
    }

    private TestUser knownUser() {
        return user(true, false, true);
    }

    private TestUser user(boolean enabled, boolean protectedAccount, boolean inScope) {
        String name = "flow" + letters();
        String guid = UUID.randomUUID().toString();
        String mail = name + "@example.test";
        users.onPublished(DirectoryUserPublished.of(guid, "CN=" + name + ",CN=Users,DC=example,DC=test", name,
                name + "@example.test", mail, null, "Flow " + name, enabled, false, protectedAccount, inScope, 1,
                Instant.now()));
        return new TestUser(guid, name, mail);
    }

    /** No code or authenticator secret in clear in any of the portal's tables. */
    private void assertNoSecretsStored(String code) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("verification_flows", "authenticator_registrations", "authenticators",
                    "password_requests", "directory_users")) {
                try (ResultSet rows = statement.executeQuery("select * from portal." + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            String text = value instanceof byte[] bytes ? new String(bytes,
                                    java.nio.charset.StandardCharsets.ISO_8859_1) : String.valueOf(value);
                            if (text.contains(code) && !(value instanceof java.util.UUID)) {
                                found.add(table + "." + rows.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        // a 6-digit code may occur by chance inside a random binary MAC; never as a column's whole text
        found.removeIf(column -> column.endsWith("code_mac") || column.endsWith("secret_ciphertext"));
        assertEquals(Collections.emptyList(), found, "code stored in clear");
        assertFalse(code.isEmpty());
    }
}
