package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.Services;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.SealingContext.Field;
import io.sspr.events.crypto.Secret;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.StackTokens;
import io.sspr.events.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** The help desk's resets and unlocks: role helpdesk, a generated password shown once, the operator in the event. */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class HelpdeskResourceTest {
    private static final String RESETS = "/api/v1/admin/password-resets";
    private static final String UNLOCKS = "/api/v1/admin/account-unlocks";

    @Test
    void onlyTheHelpDeskAndAdminsResetOrUnlock() {
        given().contentType(ContentType.JSON).body(Map.of("username", "someone")).post(RESETS).then().statusCode(401);
        AdminSettingsResourceTest.as("auditor").contentType(ContentType.JSON).body(Map.of("username", "someone"))
                .post(RESETS).then().statusCode(403);
        AdminSettingsResourceTest.as("auditor").contentType(ContentType.JSON).body(Map.of("username", "someone"))
                .post(UNLOCKS).then().statusCode(403);
        AdminSettingsResourceTest.as("helpdesk").contentType(ContentType.JSON).body(Map.of("username", "a(b)*"))
                .post(RESETS).then().statusCode(400).body("code", equalTo("USERNAME_INVALID"));
        AdminSettingsResourceTest.as("helpdesk").contentType(ContentType.JSON).body("{}").post(UNLOCKS).then()
                .statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void aRefusedRequestIsAuditedWithTheOperatorAsInitiatorAndNoInvalidName() {
        AuditEvent refused;
        try (KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            AdminSettingsResourceTest.as("helpdesk").contentType(ContentType.JSON).body(Map.of("username", "x)(*"))
                    .post(RESETS).then().statusCode(400).body("code", equalTo("USERNAME_INVALID"));
            refused = EventJson.read(TestKafka.awaitRecord(audit, r -> r.value().contains("\"USERNAME_INVALID\"")
                    && r.value().contains(AuditActivity.RESET_PASSWORD_BY_ADMIN.name())).value(), AuditEvent.class);
        }
        assertEquals(AuditEvent.AuditResult.failure, refused.result());
        assertEquals("tester@example.test", refused.initiatedBy(), "the operator of the token");
        assertNull(refused.targetUser(), "an invalid name is not kept");
        assertEquals("refused", refused.details().get("stage"));
        assertEquals(Services.RESET_PORTAL, refused.loggedByService());
    }

    @Test
    void aResetGoesThroughThePipelineAsAdminResetWithTheOperatorAndAPasswordShownOnce() throws Exception {
        String username = "hd-" + UUID.randomUUID().toString().substring(0, 8);
        String password;
        PasswordRequested requested;
        try (KafkaConsumer<String, String> topic = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            Response response = AdminSettingsResourceTest.as("helpdesk").contentType(ContentType.JSON)
                    .body(Map.of("username", username, "mustChangeAtNextLogon", true)).post(RESETS);
            response.then().statusCode(202).body("requestId", notNullValue()).body("status", equalTo("ACCEPTED"));
            String requestId = response.jsonPath().getString("requestId");
            password = response.jsonPath().getString("temporaryPassword");
            assertEquals("/api/v1/requests/" + requestId, response.getHeader("Location"));
            requested = EventJson.read(TestKafka.awaitRecord(topic, r -> r.value().contains(requestId)).value(),
                    PasswordRequested.class);
        }
        assertTrue(password.length() >= 20, "at least 20 characters");
        assertTrue(password.chars().anyMatch(Character::isUpperCase) && password.chars().anyMatch(Character::isLowerCase)
                && password.chars().anyMatch(Character::isDigit)
                && password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)), "all four groups");
        assertFalse(password.toLowerCase().contains(username.toLowerCase()));

        assertEquals(Operation.ADMIN_RESET, requested.operation());
        assertTrue(requested.mustChangeAtNextLogon());
        assertEquals(StackTokens.ISSUER, requested.operator().issuer());
        assertEquals("test-helpdesk", requested.operator().subject());
        assertEquals("tester@example.test", requested.initiatedBy());
        assertNull(requested.sealedCurrentPassword());
        assertNull(requested.verification());
        SecretOpener validator = new SecretOpener(Keysets.readPrivate(SignedRecords.keysDirOf(
                Services.POLICY_VALIDATOR).resolve(KeyHolders.VALIDATION_SEALING_PRIVATE)));
        try (Secret opened = validator.open(requested.sealedNewPasswordForValidator(),
                new SealingContext(requested.correlationId(), requested.userKey(), Operation.ADMIN_RESET,
                        Field.NEW_PASSWORD_FOR_VALIDATOR))) {
            assertEquals(password, new String(opened.chars()), "the password shown is the one sealed for the pipeline");
        }
        Path log = Path.of("target/reset-portal-test.log");
        assertFalse(Files.readString(log).contains(password), "the temporary password is in the service log");
        assertFalse(EventJson.write(requested).contains(password), "the temporary password is in clear in the event");
    }

    @Test
    void anUnlockGoesThroughThePipelineWithTheOperator() throws Exception {
        String username = "hd-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> topic = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            String requestId = AdminSettingsResourceTest.as("helpdesk").contentType(ContentType.JSON)
                    .body(Map.of("username", username)).post(UNLOCKS).then().statusCode(202)
                    .extract().jsonPath().getString("requestId");
            PasswordRequested requested = EventJson.read(TestKafka.awaitRecord(topic,
                    r -> r.value().contains(requestId)).value(), PasswordRequested.class);
            assertEquals(Operation.UNLOCK, requested.operation());
            assertEquals("test-helpdesk", requested.operator().subject());
            assertNull(requested.sealedNewPassword());
        }
    }
}
