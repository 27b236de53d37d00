package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.time.Duration;

/**
 * Before every test: writeback is Active. A portal that has just started reads the heartbeats and settings from the
 * start of their topics and refuses requests until it has caught up, as it should; the tests wait for that instead
 * of racing it. {@link WritebackFacts#reset} made them Active when the test resource started.
 */
public class WritebackActiveFirst implements QuarkusTestBeforeEachCallback {
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .get("/api/v1/status").then().statusCode(200).body("writebackStatus", equalTo("Active")));
    }
}
