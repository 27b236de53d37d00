package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.AuditActivity;

/**
 * One password change travels portal → validator → worker → Samba AD → audit, with the four packaged services
 * running as processes on the real Kafka, PostgreSQL and Samba AD DC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordChangeIT {

    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(20);

    private RunningStack parts;
    private ServiceProcesses services;
    private TestDirectory directory;
    private final Http http = new Http();
    private final List<TestUser> users = new ArrayList<>();
    /** Every password this run sent anywhere: none may show up outside the directory. */
    private final List<String> testPasswords = new ArrayList<>();
    /** correlationId → the audit result the last record must carry. */
    private final Map<String, String> expectedAuditResults = new HashMap<>();

    @BeforeAll
    void startServices() throws Exception {
        parts = RunningStack.fromEnvironment();
        directory = new TestDirectory(parts);
        services = ServiceProcesses.start(parts);
    }

    @AfterAll
    void stopServices() throws Exception {
        if (services != null) {
            services.close();
        }
        for (TestUser user : users) {
            directory.deleteUser(user);
        }
    }

    @Test
    @Order(1)
    void aValidChangeIsWrittenToTheDirectoryWithinSeconds() throws Exception {
        String current = password();
        String next = password();
        TestUser user = user(current);

        long started = System.nanoTime();
        String requestId = submitChange(user.samAccountName(), current, next);
        JsonNode status = awaitTerminal(requestId);
        expectedAuditResults.put(requestId, "success");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("e2e: change for %s settled %s in %d ms%n", user.samAccountName(), status.get("status"), millis);

        assertEquals("SUCCEEDED", status.get("status").asText(), status.toString());
        assertEquals("PASSWORD_CHANGED", status.get("code").asText());
        assertTrue(directory.canBind(user, next), "the new password binds");
        assertFalse(directory.canBind(user, current), "the old password no longer binds");
    }

    @Test
    @Order(2)
    void aTooSimplePasswordIsRejectedWithTheComplexityCodeAndNothingChanges() throws Exception {
        String current = password();
        TestUser user = user(current);
        String tooSimple = "lowercaseonly" + Integer.toHexString(user.hashCode()).replaceAll("[0-9]", "q");
        testPasswords.add(tooSimple);

        String requestId = submitChange(user.upn(), current, tooSimple);
        JsonNode status = awaitTerminal(requestId);
        expectedAuditResults.put(requestId, "failure");

        assertEquals("REJECTED", status.get("status").asText(), status.toString());
        assertEquals("PASSWORD_NOT_COMPLEX", status.get("code").asText());
        assertTrue(codes(status.get("violations")).contains("PASSWORD_NOT_COMPLEX"), status.toString());
        assertFalse(status.get("message").asText().isBlank());
        assertTrue(directory.canBind(user, current), "the old password still binds");
    }

    @Test
    @Order(3)
    void aWrongCurrentPasswordFailsWithItsCode() throws Exception {
        String current = password();
        TestUser user = user(current);
        String wrongCurrent = password();
        String next = password();

        String requestId = submitChange(user.samAccountName(), wrongCurrent, next);
        JsonNode status = awaitTerminal(requestId);
        expectedAuditResults.put(requestId, "failure");

        assertEquals("FAILED", status.get("status").asText(), status.toString());
        assertEquals("CURRENT_PASSWORD_WRONG", status.get("code").asText());
        assertTrue(directory.canBind(user, current), "the real password still binds");
        assertFalse(directory.canBind(user, next), "the new password was not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "alice*", "a*)(objectClass=*", "(cn=admin)", "x)(|(sAMAccountName=*", "alice\\2a",
            "bob\\", "*)(uid=*))(|(uid=*"})
    @Order(4)
    void aUserNameWithLdapFilterCharactersGetsAClearErrorAndNoServerError(String username) {
        Http.Response response = http.postJson(services.url("reset-portal") + "/api/v1/password-changes",
                Map.of("username", username, "currentPassword", password(), "newPassword", password()));

        assertEquals(400, response.status(), response.rawBody());
        assertNotNull(response.body(), "a JSON error body");
        assertEquals("USERNAME_INVALID", response.body().get("code").asText());
        assertTrue(response.body().get("message").asText().contains("user name"), response.rawBody());
        assertFalse(response.rawBody().contains(username), "the input is not echoed");
    }

    @Test
    @Order(5)
    void theAuditApiShowsEveryCaseWithItsResultToAuditorsOnly() {
        assertEquals(3, expectedAuditResults.size(), "the three operations above ran first");
        String audit = services.url("audit-service") + "/api/v1/audit/events";

        assertEquals(401, http.get(audit, Map.of()).status(), "no token");
        assertEquals(401, http.get(audit, Map.of("Authorization", "Bearer not.a.jwt")).status(), "bad token");

        Map<String, String> auditor = Map.of("Authorization", "Bearer " + parts.auditorToken());
        expectedAuditResults.forEach((correlationId, expected) -> {
            String query = audit + "?category=" + encode(AuditActivity.CATEGORY) + "&correlationId=" + correlationId;
            JsonNode records = await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(query, auditor).body(),
                            body -> body != null && resultRecord(body.path("value")) != null)
                    .get("value");
            assertTrue(records.size() >= 2, "the request and its result: " + records);
            for (JsonNode record : records) {
                assertEquals(correlationId, record.get("correlationId").asText());
                assertEquals(AuditActivity.CATEGORY, record.get("category").asText());
                assertEquals(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE.displayName(),
                        record.get("activityDisplayName").asText());
            }
            JsonNode result = resultRecord(records);
            assertEquals(expected, result.get("result").asText(), result.toString());
        });
    }

    @Test
    @Order(6)
    void noTestPasswordAppearsInAnyTopicLogOrDatabase() throws Exception {
        assertFalse(testPasswords.isEmpty());
        String kafka = SecretScan.allKafkaRecords(parts);
        String logs = SecretScan.files(services.logFiles());
        String database = SecretScan.databaseDump(parts);

        // The scans are only worth something if they saw this run's traffic.
        String someRequest = expectedAuditResults.keySet().iterator().next();
        assertTrue(kafka.contains(someRequest), "the topics hold this run's events");
        assertTrue(database.contains(someRequest), "the dump holds this run's rows");
        assertTrue(logs.contains(someRequest), "the logs mention this run's requests");

        for (String password : testPasswords) {
            for (String form : SecretScan.forms(password)) {
                assertFalse(kafka.contains(form), "a test password is in a Kafka record");
                assertFalse(logs.contains(form), "a test password is in a service log");
                assertFalse(database.contains(form), "a test password is in the database dump");
            }
        }
    }

    private String submitChange(String username, String current, String next) {
        Http.Response response = http.postJson(services.url("reset-portal") + "/api/v1/password-changes",
                Map.of("username", username, "currentPassword", current, "newPassword", next));
        assertEquals(202, response.status(), response.rawBody());
        String requestId = response.body().get("requestId").asText();
        assertEquals("ACCEPTED", response.body().get("status").asText());
        assertEquals("/api/v1/requests/" + requestId, locationPath(response.header("Location")));
        UUID.fromString(requestId);
        return requestId;
    }

    private JsonNode awaitTerminal(String requestId) {
        String url = services.url("reset-portal") + "/api/v1/requests/" + requestId;
        return await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(url, Map.of()).body(),
                        body -> body != null && List.of("SUCCEEDED", "REJECTED", "FAILED", "EXPIRED")
                                .contains(body.path("status").asText()));
    }

    private TestUser user(String password) throws Exception {
        TestUser user = directory.createUser(password);
        users.add(user);
        return user;
    }

    private String password() {
        String password = TestDirectory.randomPassword();
        testPasswords.add(password);
        return password;
    }

    /** The record of the operation's outcome, as opposed to the one of the request. */
    private static JsonNode resultRecord(JsonNode records) {
        for (JsonNode record : records) {
            for (JsonNode detail : record.path("additionalDetails")) {
                if ("stage".equals(detail.path("key").asText()) && "result".equals(detail.path("value").asText())) {
                    return record;
                }
            }
        }
        return null;
    }

    private static List<String> codes(JsonNode violations) {
        List<String> codes = new ArrayList<>();
        violations.forEach(v -> codes.add(v.get("code").asText()));
        return codes;
    }

    private static String locationPath(String location) {
        assertNotNull(location, "a Location header");
        return URI.create(location).getPath();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
