package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.portal.persistence.VerificationFlow.Kind;
import io.sspr.portal.rest.FlowRequests.Start;
import io.sspr.portal.rest.FlowRequests.UnlockStarted;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Unlock a locked-out account without resetting its password, where the setting allows it (on by default). */
@Path("/api/v1/account-unlocks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountUnlockResource {
    private final VerificationFlowService flows;

    public AccountUnlockResource(VerificationFlowService flows) {
        this.flows = flows;
    }

    @POST
    @Operation(summary = "Start an unlock", description = "The same answer for every user name; a code is mailed to a "
            + "known user who may use self-service. 403 UNLOCK_NOT_ALLOWED when unlocking is switched off.")
    @APIResponse(responseCode = "202", description = "Started")
    public Response start(Start body, @Context HttpServerRequest http) {
        UUID unlockId = flows.start(Kind.UNLOCK, body == null ? null : body.username(), ClientAddress.of(http));
        return Response.accepted(new UnlockStarted(unlockId)).build();
    }

    @POST
    @Path("/{unlockId}/verify")
    @Operation(summary = "Check a code", description = "As for resets: 400 CODE_WRONG for every failure.")
    public Verified verify(@PathParam("unlockId") String unlockId, Verify body, @Context HttpServerRequest http) {
        if (body == null) {
            throw new RequestRefusedException(ResultCode.CODE_WRONG);
        }
        return new Verified(flows.verify(Kind.UNLOCK, Ids.parse(unlockId), body.method(), body.code(),
                ClientAddress.of(http)));
    }

    @POST
    @Path("/{unlockId}/complete")
    @Operation(summary = "Clear the lockout", description = "Takes {}; the password stays as it is.")
    @APIResponse(responseCode = "202", description = "Accepted; follow Location")
    public Response complete(@PathParam("unlockId") String unlockId, @Context HttpServerRequest http) {
        return PasswordResetResource.accepted(flows.complete(Kind.UNLOCK, Ids.parse(unlockId), null,
                ClientAddress.of(http)));
    }
}
