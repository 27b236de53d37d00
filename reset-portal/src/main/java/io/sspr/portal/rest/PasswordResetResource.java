package io.sspr.portal.rest;

import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.portal.persistence.VerificationFlow.Kind;
import io.sspr.portal.rest.FlowRequests.CompleteReset;
import io.sspr.portal.rest.FlowRequests.ResetStarted;
import io.sspr.portal.rest.FlowRequests.Start;
import io.sspr.portal.rest.FlowRequests.Verified;
import io.sspr.portal.rest.FlowRequests.Verify;
import io.sspr.portal.service.RequestRefusedException;
import io.sspr.portal.service.VerificationFlowService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Reset a forgotten password: start, prove who you are, then set the new password. */
@Path("/api/v1/password-resets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {
    private final VerificationFlowService flows;

    public PasswordResetResource(VerificationFlowService flows) {
        this.flows = flows;
    }

    @POST
    @Operation(summary = "Start a reset", description = "The same answer, status and timing for every user name; a "
            + "one-time code is mailed to the directory mail of a known user who may use self-service.")
    @APIResponse(responseCode = "202", description = "Started")
    @APIResponse(responseCode = "429", description = "Too many requests, or self-service blocked for the account")
    public Response start(Start body, @Context HttpServerRequest http) {
        UUID resetId = flows.start(Kind.RESET, body == null ? null : body.username(), ClientAddress.of(http));
        return Response.accepted(new ResetStarted(resetId)).build();
    }

    @POST
    @Path("/{resetId}/verify")
    @Operation(summary = "Check a code", description = "method is \"email\" or \"authenticator\". One answer, 400 "
            + "CODE_WRONG, for every failure: wrong or used code, unknown reset, unknown user.")
    @APIResponse(responseCode = "200", description = "Verified; remaining lists the methods still needed")
    @APIResponse(responseCode = "400", description = "CODE_WRONG")
    public Verified verify(@PathParam("resetId") String resetId, Verify body, @Context HttpServerRequest http) {
        UUID id = Ids.parse(resetId);
        if (body == null) {
            throw new RequestRefusedException(ResultCode.CODE_WRONG);
        }
        return new Verified(flows.verify(Kind.RESET, id, body.method(), body.code(), ClientAddress.of(http)));
    }

    @POST
    @Path("/{resetId}/complete")
    @Operation(summary = "Set the new password", description = "Only after every required method is verified; the "
            + "request then goes through the pipeline like a change.")
    @APIResponse(responseCode = "202", description = "Accepted; follow Location")
    @APIResponse(responseCode = "409", description = "VERIFICATION_INCOMPLETE")
    public Response complete(@PathParam("resetId") String resetId, CompleteReset body,
            @Context HttpServerRequest http) {
        UUID requestId = flows.complete(Kind.RESET, Ids.parse(resetId), body == null ? null : body.newPassword(),
                ClientAddress.of(http));
        return accepted(requestId);
    }

    static Response accepted(UUID requestId) {
        // Set as a plain header: Response.location() would make it absolute from the request's Host header.
        return Response.accepted(new AcceptedResponse(requestId, RequestStatus.ACCEPTED))
                .header(HttpHeaders.LOCATION, RequestStatusResource.PATH + "/" + requestId)
                .build();
    }
}
