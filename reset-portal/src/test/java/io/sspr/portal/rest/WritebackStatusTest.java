package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.ResultCode;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.TestKafka;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writeback status from live facts (heartbeats and the admin's switch) and the refusal of every new request while
 * writeback is Inactive: 503 WRITEBACK_INACTIVE at once, audited, the pages saying so first.
 */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class WritebackStatusTest {
    private static final Duration APPLIED = Duration.ofSeconds(10);

    @AfterEach
    void writebackActiveAgain() {
        WritebackFacts.reset();
        awaitStatus("Enabled", "Active");
    }

    @Test
    void aWorkerReachingADcMakesWritebackActive() {
        WritebackFacts.reset();
        awaitStatus("Enabled", "Active");
        given().get("/api/v1/status").then().statusCode(200).body("reason", containsString("reachable"))
                .body("since", startsWith("20"));
        changeRequest().then().statusCode(202);
    }

    @Test
    void aWorkerThatCannotReachADcMakesItInactiveAndRequestsAreRefusedAudited() throws Exception {
        WritebackFacts.heartbeat(true, false, WritebackFacts.LONG_INTERVAL);
        awaitStatus("Enabled", "Inactive");
        String username = "status-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> audit = TestKafka.consumerAtEnd(Topics.AUDIT_EVENTS)) {
            changeRequest(username).then().statusCode(503).contentType(ContentType.JSON)
                    .body("code", equalTo("WRITEBACK_INACTIVE"))
                    .body("message", startsWith("Password reset is unavailable right now"))
                    .body("message", containsString("help desk"));
            AuditEvent refused = EventJson.read(TestKafka.awaitRecord(audit,
                    r -> r.value().contains(username)).value(), AuditEvent.class);
            assertEquals(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, refused.activity());
            assertEquals(AuditEvent.AuditResult.failure, refused.result());
            assertEquals(ResultCode.WRITEBACK_INACTIVE.name(), refused.resultReason());
        }
        given().contentType(ContentType.JSON).body(Map.of("username", username)).post("/api/v1/password-resets")
                .then().statusCode(503).body("code", equalTo("WRITEBACK_INACTIVE"));
        given().contentType(ContentType.JSON).body(Map.of("username", username)).post("/api/v1/account-unlocks")
                .then().statusCode(503).body("code", equalTo("WRITEBACK_INACTIVE"));
        // the portal stays ready: it serves the status and the pages that say why
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/").then().statusCode(200).body(containsString("writeback-inactive"));
    }

    @Test
    void aWorkerThatStopsReportingIsGoneAfterThreeIntervals() {
        WritebackFacts.heartbeat(true, true, Duration.ofSeconds(1));
        awaitStatus("Enabled", "Active");
        awaitStatus("Enabled", "Inactive");
        given().get("/api/v1/status").then().body("reason", containsString("No writeback worker has reported since"));
        changeRequest().then().statusCode(503).body("code", equalTo("WRITEBACK_INACTIVE"));
    }

    @Test
    void aWorkerThatStopsSaysSoAndWritebackIsInactiveAtOnce() {
        WritebackFacts.stopped(WritebackFacts.WORKER_ID);
        awaitStatus("Enabled", "Inactive");
        given().get("/api/v1/status").then().body("reason", startsWith("The writeback worker stopped at"));
        changeRequest().then().statusCode(503).body("code", equalTo("WRITEBACK_INACTIVE"));
    }

    @Test
    void eitherSwitchOffDisablesTheIntegration() {
        WritebackFacts.heartbeat(false, true, WritebackFacts.LONG_INTERVAL);
        awaitStatus("Disabled", "Inactive");
        given().get("/api/v1/status").then().body("reason", containsString("worker"));
        changeRequest().then().statusCode(503).body("code", equalTo("WRITEBACK_INACTIVE"));

        WritebackFacts.reset();
        awaitStatus("Enabled", "Active");
        WritebackFacts.settings(Values.DEFAULTS.withWritebackEnabled(false));
        awaitStatus("Disabled", "Inactive");
        given().get("/api/v1/status").then().body("reason", containsString("administrator"));
        changeRequest().then().statusCode(503).body("code", equalTo("WRITEBACK_INACTIVE"));
    }

    @Test
    void theStatusAndItsMetricsTellNothingAboutAnyUser() throws Exception {
        String status = given().get("/api/v1/status").then().statusCode(200).extract().asString();
        assertEquals(4, EventJson.mapper().readTree(status).size(), status);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sspr_portal_writeback_active 1.0"))
                .body(containsString("sspr_portal_writeback_integration_enabled 1.0"))
                .body(containsString("sspr_portal_writeback_heartbeat_age_seconds"));
    }

    static void awaitStatus(String integration, String writeback) {
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .get("/api/v1/status").then().statusCode(200).body("onPremisesIntegration", equalTo(integration))
                .body("writebackStatus", equalTo(writeback)));
    }

    private static io.restassured.response.Response changeRequest() {
        return changeRequest("status-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static io.restassured.response.Response changeRequest(String username) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "currentPassword",
                "Old-" + UUID.randomUUID(), "newPassword", "New-" + UUID.randomUUID())).post("/api/v1/password-changes");
    }
}
