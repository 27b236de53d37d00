package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.AuditActivity;
import io.sspr.events.testing.TestMail;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Self-service on the whole system: a forgotten password reset by mail code, a locked-out account unlocked, and an
 * authenticator app registered (its current password checked by Samba through the pipeline) that then answers a
 * two-method reset. Codes are read from the stack's mail server. Two portal instances share one PostgreSQL and serve
 * one flow alternately; a third runs with two methods required.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfServiceIT {
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(30);
    private static final String RESETS = "/api/v1/password-resets";
    private static final String UNLOCKS = "/api/v1/account-unlocks";
    private static final String REGISTRATIONS = "/api/v1/authenticator-registrations";

    private RunningStack parts;
    private ServiceProcesses services;
    private ServiceProcesses secondPortal;
    private ServiceProcesses twoMethodPortal;
    private TestDirectory directory;
    private final Http http = new Http();
    private final List<TestUser> users = new ArrayList<>();
    /** Every password and code this run sent: none may show up outside the directory and the mail. */
    private final List<String> secrets = new ArrayList<>();
    private final List<String> requestIds = new ArrayList<>();

    @BeforeAll
    void startServices() throws Exception {
        parts = RunningStack.fromEnvironment();
        directory = new TestDirectory(parts);
        services = ServiceProcesses.start(parts, "self-service");
        secondPortal = ServiceProcesses.startOnly(parts, "self-service-second", "reset-portal", Map.of());
        twoMethodPortal = ServiceProcesses.startOnly(parts, "self-service-two-methods", "reset-portal",
                Map.of("sspr.portal.self-service.methods-required", "2"));
    }

    @AfterAll
    void stopServices() throws Exception {
        for (ServiceProcesses running : List.of(twoMethodPortal, secondPortal, services)) {
            if (running != null) {
                running.close();
            }
        }
        for (TestUser user : users) {
            directory.deleteUser(user);
        }
    }

    @Test
    @Order(1)
    void aForgottenPasswordIsResetByMailCodeWithTwoPortalInstancesTakingTurns() throws Exception {
        String old = TestDirectory.randomPassword();
        String next = TestDirectory.randomPassword();
        TestUser user = user(old);
        String first = portal();
        String second = secondPortal.url("reset-portal");

        Started reset = startUntilMailed(first, RESETS, "resetId", user);
        assertEquals(200, http.postJson(second + RESETS + "/" + reset.id() + "/verify",
                Map.of("method", "email", "code", reset.code())).status(), "the other instance verifies");
        long beforeNotice = TestMail.mark(mail(user));
        Http.Response completed = http.postJson(first + RESETS + "/" + reset.id() + "/complete",
                Map.of("newPassword", next));
        assertEquals(202, completed.status(), completed.rawBody());
        String requestId = completed.body().get("requestId").asText();
        requestIds.add(requestId);

        JsonNode status = awaitTerminal(second, requestId);
        assertEquals("SUCCEEDED", status.get("status").asText(), status.toString());
        assertEquals("PASSWORD_CHANGED", status.get("code").asText());
        assertTrue(directory.canBind(user, next), "the new password binds");
        assertFalse(directory.canBind(user, old), "the forgotten one no longer does");

        TestMail.Mail notice = TestMail.awaitMail(mail(user), TestMail.after(beforeNotice)
                .and(TestMail.subjectMatches("(?i)password was changed")));
        assertTrue(notice.text().contains("If this was not you"), notice.text());

        assertAudited(requestId, AuditActivity.RESET_PASSWORD_SELF_SERVICE, "success");
        assertAudited(reset.id(), AuditActivity.FLOW_ACTIVITY_PROGRESS, "success");
    }

    @Test
    @Order(2)
    void aLockedOutAccountIsUnlockedAndKeepsItsPassword() throws Exception {
        String password = TestDirectory.randomPassword();
        TestUser user = user(password);
        directory.lockAfterFailures(user, 2);
        directory.lockOut(user);
        long pwdLastSet = directory.pwdLastSet(user);

        Started unlock = startUntilMailed(portal(), UNLOCKS, "unlockId", user);
        assertEquals(200, http.postJson(secondPortal.url("reset-portal") + UNLOCKS + "/" + unlock.id() + "/verify",
                Map.of("method", "email", "code", unlock.code())).status());
        long beforeNotice = TestMail.mark(mail(user));
        Http.Response completed = http.postJson(portal() + UNLOCKS + "/" + unlock.id() + "/complete", Map.of());
        assertEquals(202, completed.status(), completed.rawBody());
        String requestId = completed.body().get("requestId").asText();
        requestIds.add(requestId);

        JsonNode status = awaitTerminal(portal(), requestId);
        assertEquals("SUCCEEDED", status.get("status").asText(), status.toString());
        assertEquals("ACCOUNT_UNLOCKED", status.get("code").asText());
        assertFalse(directory.isLockedOut(user), "the lockout is cleared");
        assertTrue(directory.canBind(user, password), "the same password signs in again");
        assertEquals(pwdLastSet, directory.pwdLastSet(user), "the password was not touched");
        TestMail.awaitMail(mail(user), TestMail.after(beforeNotice).and(TestMail.subjectMatches("(?i)unlocked")));
        assertAudited(requestId, AuditActivity.UNLOCK_USER_ACCOUNT_SELF_SERVICE, "success");
    }

    @Test
    @Order(3)
    void anAuthenticatorRegisteredWithTheCurrentPasswordAnswersATwoMethodReset() throws Exception {
        String password = TestDirectory.randomPassword();
        TestUser user = user(password);
        awaitKnown(user);

        long mark = TestMail.mark(mail(user));
        Http.Response started = http.postJson(portal() + REGISTRATIONS,
                Map.of("username", user.samAccountName(), "currentPassword", password));
        assertEquals(202, started.status(), started.rawBody());
        String registration = portal() + REGISTRATIONS + "/" + started.body().get("registrationId").asText();
        JsonNode state = awaitRegistration(registration, "CODE_SENT");
        assertEquals("CODE_SENT", state.get("state").asText(), "the directory confirmed the password: " + state);
        String mailCode = TestMail.awaitCode(mail(user), TestMail.after(mark));
        secrets.add(mailCode);

        Http.Response enrolment = http.postJson(registration + "/verify", Map.of("code", mailCode));
        assertEquals(200, enrolment.status(), enrolment.rawBody());
        assertTrue(enrolment.body().get("qrCode").asText().startsWith("data:image/png;base64,"));
        byte[] secret = secretOf(enrolment.body().get("otpauthUri").asText());
        Http.Response confirmed = http.postJson(registration + "/confirm", Map.of("code", totp(secret, Instant.now())));
        assertEquals(200, confirmed.status(), confirmed.rawBody());
        assertAudited(started.body().get("registrationId").asText(), AuditActivity.USER_REGISTERED, "success");
        assertAudited(started.body().get("registrationId").asText(), AuditActivity.SECURITY_INFO_SAVED, "success");

        // two methods required: the mail code alone is not enough, the app's next code completes it
        String twoMethods = twoMethodPortal.url("reset-portal");
        Started reset = startUntilMailed(twoMethods, RESETS, "resetId", user);
        Http.Response afterMail = http.postJson(twoMethods + RESETS + "/" + reset.id() + "/verify",
                Map.of("method", "email", "code", reset.code()));
        assertEquals(List.of("authenticator"), texts(afterMail.body().get("remaining")));
        String next = TestDirectory.randomPassword();
        secrets.add(next);
        assertEquals(409, http.postJson(twoMethods + RESETS + "/" + reset.id() + "/complete",
                Map.of("newPassword", next)).status(), "one method is not enough");
        Http.Response afterApp = http.postJson(twoMethods + RESETS + "/" + reset.id() + "/verify",
                Map.of("method", "authenticator", "code", totp(secret, Instant.now().plusSeconds(30))));
        assertEquals(200, afterApp.status(), afterApp.rawBody());
        assertEquals(List.of(), texts(afterApp.body().get("remaining")));
        Http.Response completed = http.postJson(twoMethods + RESETS + "/" + reset.id() + "/complete",
                Map.of("newPassword", next));
        assertEquals(202, completed.status(), completed.rawBody());
        String requestId = completed.body().get("requestId").asText();
        requestIds.add(requestId);
        assertEquals("SUCCEEDED", awaitTerminal(twoMethods, requestId).get("status").asText());
        assertTrue(directory.canBind(user, next));
    }

    @Test
    @Order(4)
    void aWrongCurrentPasswordAndAnUnknownNameFailTheRegistrationAlike() throws Exception {
        String password = TestDirectory.randomPassword();
        TestUser user = user(password);
        awaitKnown(user);
        List<JsonNode> answers = new ArrayList<>();
        for (String name : List.of(user.samAccountName(), "nobody" + user.samAccountName())) {
            String wrong = TestDirectory.randomPassword();
            secrets.add(wrong);
            Http.Response started = http.postJson(portal() + REGISTRATIONS,
                    Map.of("username", name, "currentPassword", wrong));
            assertEquals(202, started.status(), started.rawBody());
            JsonNode failed = awaitRegistration(portal() + REGISTRATIONS + "/"
                    + started.body().get("registrationId").asText(), "FAILED");
            answers.add(failed);
        }
        for (JsonNode failed : answers) {
            assertEquals("FAILED", failed.get("state").asText(), failed.toString());
            assertEquals("CURRENT_PASSWORD_WRONG", failed.get("code").asText(), failed.toString());
        }
        assertEquals(answers.get(0).get("message"), answers.get(1).get("message"));
        assertTrue(directory.canBind(user, password), "nothing changed");
    }

    @Test
    @Order(5)
    void noPasswordOrCodeAppearsInAnyTopicLogOrDatabase() throws Exception {
        assertFalse(secrets.isEmpty());
        String kafka = SecretScan.allKafkaRecords(parts);
        List<java.nio.file.Path> logFiles = new ArrayList<>(services.logFiles());
        logFiles.addAll(secondPortal.logFiles());
        logFiles.addAll(twoMethodPortal.logFiles());
        String logs = SecretScan.files(logFiles);
        String database = SecretScan.databaseDump(parts);
        String someRequest = requestIds.get(0);
        assertTrue(kafka.contains(someRequest) && database.contains(someRequest) && logs.contains(someRequest),
                "the scans saw this run's traffic");
        for (String secret : secrets) {
            for (String form : SecretScan.forms(secret)) {
                assertFalse(kafka.contains(form), "a test secret is in a Kafka record");
                assertFalse(logs.contains(form), "a test secret is in a service log");
                assertFalse(database.contains(form), "a test secret is in the database dump");
            }
        }
    }

    private record Started(String id, String code) {
    }

    /**
     * Starts a flow until its code arrives: the portal learns of a new directory user from the worker's sync within
     * seconds, and until then the user is unknown to it (answered alike, mailed nothing).
     */
    private Started startUntilMailed(String portal, String flow, String idField, TestUser user) {
        List<Started> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long mark = TestMail.mark(mail(user));
            Http.Response started = http.postJson(portal + flow, Map.of("username", user.samAccountName()));
            assertEquals(202, started.status(), started.rawBody());
            try {
                String code = TestMail.awaitCode(mail(user), TestMail.after(mark), Duration.ofSeconds(4));
                got.add(new Started(started.body().get(idField).asText(), code));
                return true;
            } catch (ConditionTimeoutException notYetKnown) {
                return false;
            }
        });
        Started started = got.get(got.size() - 1);
        secrets.add(started.code());
        return started;
    }

    /** Waits until the portal knows the user (a reset start is then mailed), as the registration needs its mail. */
    private void awaitKnown(TestUser user) {
        startUntilMailed(portal(), RESETS, "resetId", user);
    }

    private JsonNode awaitRegistration(String url, String expected) {
        return await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(url, Map.of()).body(),
                        body -> body != null && List.of(expected, "FAILED", "CONFIRMED")
                                .contains(body.path("state").asText()));
    }

    private JsonNode awaitTerminal(String portal, String requestId) {
        return await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(portal + "/api/v1/requests/" + requestId, Map.of()).body(),
                        body -> body != null && List.of("SUCCEEDED", "REJECTED", "FAILED", "EXPIRED")
                                .contains(body.path("status").asText()));
    }

    private void assertAudited(String correlationId, AuditActivity activity, String result) {
        String query = services.url("audit-service") + "/api/v1/audit/events?correlationId=" + correlationId
                + "&activity=" + URLEncoder.encode(activity.displayName(), StandardCharsets.UTF_8);
        Map<String, String> auditor = Map.of("Authorization", "Bearer " + parts.auditorToken());
        JsonNode records = await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(query, auditor).body(), body -> body != null
                        && body.path("value").size() > 0).get("value");
        boolean found = false;
        for (JsonNode record : records) {
            found |= result.equals(record.get("result").asText());
        }
        assertTrue(found, activity.displayName() + " with result " + result + ": " + records);
    }

    private String portal() {
        return services.url("reset-portal");
    }

    private TestUser user(String password) throws Exception {
        secrets.add(password);
        TestUser user = directory.createUser(password);
        users.add(user);
        return user;
    }

    private static String mail(TestUser user) {
        return user.samAccountName() + "@example.test";
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static byte[] secretOf(String otpauthUri) {
        for (String pair : URI.create(otpauthUri).getRawQuery().split("&")) {
            if (pair.startsWith("secret=")) {
                return new Base32().decode(pair.substring("secret=".length()));
            }
        }
        throw new AssertionError("no secret in the otpauth URI");
    }

    /** What an authenticator app shows at that time (RFC 6238, as the portal's own generator). */
    private static String totp(byte[] secret, Instant at) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
        return generator.generateOneTimePasswordString(new SecretKeySpec(secret, generator.getAlgorithm()), at);
    }
}
