package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.portal.persistence.AuthenticatorRegistration.State;
import io.sspr.portal.rest.FlowRequests.Code;
import io.sspr.portal.rest.FlowRequests.Confirmed;
import io.sspr.portal.rest.FlowRequests.RegistrationStarted;
import io.sspr.portal.rest.FlowRequests.StartRegistration;
import io.sspr.portal.service.AuthenticatorEnrolment;
import io.sspr.portal.service.AuthenticatorRegistrationService;
import io.sspr.portal.service.RequestRefusedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Register an authenticator app: current password (checked by the directory), mailed code, the app's first code. */
@Path("/api/v1/authenticator-registrations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticatorRegistrationResource {
    private final AuthenticatorRegistrationService registrations;

    public AuthenticatorRegistrationResource(AuthenticatorRegistrationService registrations) {
        this.registrations = registrations;
    }

    @POST
    @Operation(summary = "Start a registration", description = "The current password goes to the directory through "
            + "the pipeline; once confirmed, a code is mailed. Follow GET .../{registrationId}.")
    @APIResponse(responseCode = "202", description = "Started")
    public Response start(StartRegistration body, @Context HttpServerRequest http) {
        if (body == null) {
            throw new RequestRefusedException(ResultCode.INVALID_REQUEST);
        }
        UUID id = registrations.start(body.username(), body.currentPassword(), ClientAddress.of(http));
        return Response.accepted(new RegistrationStarted(id)).build();
    }

    @GET
    @Path("/{registrationId}")
    @Operation(summary = "Where a registration stands", description = "CHECKING_PASSWORD, CODE_SENT, SECRET_ISSUED, "
            + "CONFIRMED or FAILED (with the code and message).")
    public Response state(@PathParam("registrationId") String registrationId) {
        UUID id = Ids.parse(registrationId);
        return (id == null ? java.util.Optional.<AuthenticatorRegistrationService.RegistrationView>empty()
                : registrations.view(id))
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(ErrorResponse.of(ResultCode.INVALID_REQUEST, RequestStatusResource.NOT_FOUND_MESSAGE))
                        .build());
    }

    @POST
    @Path("/{registrationId}/verify")
    @Operation(summary = "Check the mailed code", description = "Answers the app's otpauth URI and its QR code (a PNG "
            + "data URI), once.")
    @APIResponse(responseCode = "400", description = "CODE_WRONG")
    public AuthenticatorEnrolment verify(@PathParam("registrationId") String registrationId, Code body,
            @Context HttpServerRequest http) {
        return registrations.verifyMailCode(Ids.parse(registrationId), body == null ? null : body.code(),
                ClientAddress.of(http));
    }

    @POST
    @Path("/{registrationId}/confirm")
    @Operation(summary = "Check the app's first code", description = "Saves the authenticator, encrypted.")
    @APIResponse(responseCode = "400", description = "CODE_WRONG")
    public Confirmed confirm(@PathParam("registrationId") String registrationId, Code body,
            @Context HttpServerRequest http) {
        registrations.confirm(Ids.parse(registrationId), body == null ? null : body.code(), ClientAddress.of(http));
        return new Confirmed(State.CONFIRMED.name());
    }
}
