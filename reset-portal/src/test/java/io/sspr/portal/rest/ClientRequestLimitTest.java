package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-client limit of self-service requests, counted per client address and minute in PostgreSQL. Behind a trusted
 * proxy the client is the forwarded address, so each run counts a fresh address of its own.
 */
@QuarkusTest
@TestProfile(ClientRequestLimitTest.SmallLimit.class)
@WithTestResource(PortalRealParts.class)
class ClientRequestLimitTest {
    private static final int LIMIT = 3;

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sspr.portal.self-service.client-requests-per-minute", String.valueOf(LIMIT),
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Test
    void aClientPastTheLimitIsToldToWaitAndAnotherClientIsNot() {
        String client = someAddress();
        for (int i = 0; i < LIMIT; i++) {
            start("/api/v1/password-resets", client).then().statusCode(202);
        }
        start("/api/v1/account-unlocks", client).then().statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_REQUESTS"));
        start("/api/v1/password-resets", someAddress()).then().statusCode(202);
    }

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10.%d.%d.%d".formatted(random.nextInt(256), random.nextInt(256), random.nextInt(1, 255));
    }

    private static io.restassured.response.Response start(String flow, String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(Map.of("username", "anyone")).post(flow);
    }
}
