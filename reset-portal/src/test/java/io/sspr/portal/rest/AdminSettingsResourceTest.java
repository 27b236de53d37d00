package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.StackTokens;
import io.sspr.events.testing.TestKafka;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin's settings: only for role admin, checked, published signed to sspr.settings, applied and audited. */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class AdminSettingsResourceTest {
    private static final String SETTINGS = "/api/v1/admin/settings";

    @AfterEach
    void defaultsAgain() {
        WritebackFacts.reset();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("admin").get(SETTINGS).then()
                .body("writebackEnabled", equalTo(true)).body("methodsRequired", equalTo(1))
                .body("updatedBy", equalTo("test-admin")));
    }

    @Test
    void onlyAdminsReadOrChangeTheSettings() throws Exception {
        given().get(SETTINGS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(body(false)).put(SETTINGS).then().statusCode(401);
        as("helpdesk").get(SETTINGS).then().statusCode(403);
        as("helpdesk").contentType(ContentType.JSON).body(body(false)).put(SETTINGS).then().statusCode(403);
        given().auth().oauth2(StackTokens.signedByStranger(List.of("admin"))).get(SETTINGS).then().statusCode(401);
        given().auth().oauth2(StackTokens.signed("urn:someone-else", List.of("admin"),
                java.time.Instant.now().plusSeconds(600))).get(SETTINGS).then().statusCode(401);
        as("admin").get(SETTINGS).then().statusCode(200).contentType(ContentType.JSON)
                .body("writebackEnabled", equalTo(true)).body("unlockAllowed", equalTo(true))
                .body("nistMode", equalTo(false)).body("scopeGroupDn", nullValue());
    }

    @Test
    void savedSettingsArePublishedSignedAppliedAndAuditedWithOldAndNewValues() throws Exception {
        Map<String, Object> body = body(true);
        body.put("methodsRequired", 2);
        body.put("unlockAllowed", false);
        body.put("customBannedTerms", List.of("contoso", "fabrikam"));
        body.put("scopeGroupDn", "CN=SSPR Users,CN=Users,DC=example,DC=test");
        try (KafkaConsumer<String, String> settingsTopic = TestKafka.consumerAtEnd(PortalRealParts.SETTINGS);
                KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            as("admin").contentType(ContentType.JSON).body(body).put(SETTINGS).then().statusCode(200)
                    .body("methodsRequired", equalTo(2)).body("unlockAllowed", equalTo(false))
                    .body("updatedBy", equalTo("test-admin"));

            ConsumerRecord<String, String> record = TestKafka.awaitRecord(settingsTopic,
                    r -> SelfServiceSettings.KEY.equals(r.key()) && r.value().contains("fabrikam"));
            // the validator and the worker accept it: signed by the portal with its own key
            SelfServiceSettings published = ServiceKeys.verifierOf(Services.POLICY_VALIDATOR,
                    SignedRecords.keysDirOf(Services.POLICY_VALIDATOR)).verify(SignedRecords.incoming(record),
                            SelfServiceSettings.class);
            assertEquals(2, published.methodsRequired());
            assertEquals("CN=SSPR Users,CN=Users,DC=example,DC=test", published.scopeGroupDn());
            assertEquals("urn:sspr:reset-portal", TestKafka.header(record, "ce_source"));

            AuditEvent change = EventJson.read(TestKafka.awaitRecord(audit,
                    r -> r.value().contains("methodsRequired.new")).value(), AuditEvent.class);
            assertEquals(AuditActivity.POLICY_CHANGES, change.activity());
            assertEquals("tester@example.test", change.initiatedBy());
            assertEquals("1", change.details().get("methodsRequired.old"));
            assertEquals("2", change.details().get("methodsRequired.new"));
            assertEquals("true", change.details().get("unlockAllowed.old"));
            assertEquals("false", change.details().get("unlockAllowed.new"));
            assertEquals("contoso,fabrikam", change.details().get("customBannedTerms.new"));
            assertFalse(change.details().containsKey("writebackEnabled.new"), "the switch did not change");
        }
        as("admin").get(SETTINGS).then().body("methodsRequired", equalTo(2))
                .body("customBannedTerms[1]", equalTo("fabrikam"));
        // applied by the portal's own flows: unlocking is switched off
        given().contentType(ContentType.JSON).body(Map.of("username", "someone")).post("/api/v1/account-unlocks")
                .then().statusCode(403).body("code", equalTo("UNLOCK_NOT_ALLOWED"));
    }

    @Test
    void theWritebackSwitchIsAuditedAsItsOwnActivityAndTurnsTheStatusDisabled() throws Exception {
        try (KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            as("admin").contentType(ContentType.JSON).body(body(false)).put(SETTINGS).then().statusCode(200)
                    .body("writebackEnabled", equalTo(false));
            AuditEvent toggled = EventJson.read(TestKafka.awaitRecord(audit,
                    r -> r.value().contains("writebackEnabled.new")).value(), AuditEvent.class);
            assertEquals(AuditActivity.WRITEBACK_TOGGLED, toggled.activity());
            assertEquals("true", toggled.details().get("writebackEnabled.old"));
            assertEquals("false", toggled.details().get("writebackEnabled.new"));
            assertEquals(AuditEvent.AuditResult.success, toggled.result());
        }
        given().get("/api/v1/status").then().body("onPremisesIntegration", equalTo("Disabled"))
                .body("writebackStatus", equalTo("Inactive"));
    }

    @Test
    void invalidSettingsAreRefusedWithTheReasonAndChangeNothing() {
        Map<String, Object> tooMany = body(true);
        tooMany.put("customBannedTerms", IntStream.range(0, 1001).mapToObj(i -> "term" + i).toList());
        Map<String, Object> shortTerm = body(true);
        shortTerm.put("customBannedTerms", List.of("abc"));
        Map<String, Object> methods = body(true);
        methods.put("methodsRequired", 3);
        Map<String, Object> group = body(true);
        group.put("scopeGroupDn", "not a dn");
        Map<String, Object> missing = body(true);
        missing.remove("nistMode");
        for (Map<String, Object> bad : List.of(tooMany, shortTerm, methods, group, missing)) {
            as("admin").contentType(ContentType.JSON).body(bad).put(SETTINGS).then().statusCode(400)
                    .body("code", equalTo("SETTINGS_INVALID")).body("message", containsString("not saved"));
        }
        as("admin").contentType(ContentType.JSON).body("{\"writebackEnabled\":").put(SETTINGS).then().statusCode(400);
        as("admin").get(SETTINGS).then().body("methodsRequired", equalTo(1)).body("customBannedTerms.size()",
                equalTo(0));
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(StackTokens.withGroups(List.of(role)));
    }

    private static Map<String, Object> body(boolean writebackEnabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("writebackEnabled", writebackEnabled);
        body.put("unlockAllowed", true);
        body.put("methodsRequired", 1);
        body.put("scopeGroupDn", null);
        body.put("customBannedTerms", List.of());
        body.put("nistMode", false);
        return body;
    }
}
