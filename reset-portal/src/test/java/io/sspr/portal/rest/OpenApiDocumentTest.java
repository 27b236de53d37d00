package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The self-service API is documented where a client developer looks for it: /q/openapi. */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class OpenApiDocumentTest {
    @Test
    void everyStepOfEveryFlowIsDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/password-changes"))
                .body("paths", hasKey("/api/v1/password-resets"))
                .body("paths", hasKey("/api/v1/password-resets/{resetId}/verify"))
                .body("paths", hasKey("/api/v1/password-resets/{resetId}/complete"))
                .body("paths", hasKey("/api/v1/account-unlocks"))
                .body("paths", hasKey("/api/v1/account-unlocks/{unlockId}/verify"))
                .body("paths", hasKey("/api/v1/account-unlocks/{unlockId}/complete"))
                .body("paths", hasKey("/api/v1/authenticator-registrations"))
                .body("paths", hasKey("/api/v1/authenticator-registrations/{registrationId}"))
                .body("paths", hasKey("/api/v1/authenticator-registrations/{registrationId}/verify"))
                .body("paths", hasKey("/api/v1/authenticator-registrations/{registrationId}/confirm"))
                .body("paths", hasKey("/api/v1/requests/{requestId}"));
    }
}
