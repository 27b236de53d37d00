package io.sspr.worker.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.events.testing.StackTokens;
import io.sspr.worker.LocalStackResource;
import io.sspr.worker.service.WritebackStats;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run status names people (user keys) and requests (correlation ids) only to an operator: without a token the
 * summary, with an operator's token everything; a token that does not verify is 401, one without the group 403.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RunStatusAccessTest {
    private static final String PATH = "/api/v1/run-status";

    @Inject
    WritebackStats stats;

    private String userKey;
    private String correlationId;

    @BeforeEach
    void aRefusedRunNamesSomeone() {
        userKey = "run-status-" + UUID.randomUUID() + "@example.test";
        correlationId = UUID.randomUUID().toString();
        stats.refused(correlationId, userKey);
    }

    @Test
    void withoutATokenTheSummaryNamesNobody() {
        given().when().get(PATH).then()
                .statusCode(200)
                .body("detail", equalTo("summary"))
                .body("$", hasKey("totals"))
                .body("$", hasKey("workerId"))
                .body("$", hasKey("directory"))
                .body("$", hasKey("kafka"))
                .body("$", hasKey("lastSuccessAt"))
                .body("$", not(hasKey("recentRuns")))
                .body("$", not(hasKey("recentErrors")))
                .body(not(containsString(userKey)))
                .body(not(containsString(correlationId)));
    }

    @Test
    void anOperatorSeesTheRecentRunsAndErrors() {
        given().auth().oauth2(StackTokens.withGroups(List.of("operator"))).when().get(PATH).then()
                .statusCode(200)
                .body("detail", equalTo("full"))
                .body("recentRuns.userKey", org.hamcrest.Matchers.hasItem(userKey))
                .body("recentErrors.correlationId", org.hamcrest.Matchers.hasItem(correlationId));
    }

    @Test
    void aValidTokenWithoutTheOperatorGroupIsForbidden() {
        given().auth().oauth2(StackTokens.withGroups(List.of("auditor"))).when().get(PATH).then()
                .statusCode(403)
                .body("code", equalTo("ACCESS_DENIED"))
                .body(not(containsString(userKey)));
    }

    @Test
    void aTokenThatDoesNotVerifyIsRefused() throws Exception {
        for (String token : List.of(StackTokens.signedByStranger(List.of("operator")),
                StackTokens.signed(StackTokens.ISSUER, List.of("operator"), java.time.Instant.now().minusSeconds(600)),
                StackTokens.signed("urn:someone:else", List.of("operator"), java.time.Instant.now().plusSeconds(600)),
                "not-a-jwt")) {
            given().auth().oauth2(token).when().get(PATH).then()
                    .statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body(not(containsString(userKey)));
        }
    }
}
