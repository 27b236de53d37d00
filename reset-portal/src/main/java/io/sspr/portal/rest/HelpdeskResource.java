package io.sspr.portal.rest;

import io.sspr.events.RequestStatus;
import io.sspr.portal.service.HelpdeskService;
import io.sspr.portal.service.HelpdeskService.TemporaryPassword;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The help desk resets and unlocks for a user who called; role {@code helpdesk} (or {@code admin}). */
@Path("/api/v1/admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "helpdesk", "admin" })
public class HelpdeskResource {
    private final HelpdeskService helpdesk;
    private final JsonWebToken token;

    public HelpdeskResource(HelpdeskService helpdesk, JsonWebToken token) {
        this.helpdesk = helpdesk;
        this.token = token;
    }

    public record ResetBody(String username, Boolean mustChangeAtNextLogon) {
    }

    public record UnlockBody(String username) {
    }

    /** The 202 of a help-desk reset: the generated password, shown this once and kept nowhere. */
    public record ResetAccepted(UUID requestId, RequestStatus status, String temporaryPassword) {
        @Override
        public String toString() {
            return "ResetAccepted[" + requestId + "]";
        }
    }

    @POST
    @Path("/password-resets")
    @Operation(summary = "Reset a user's password (help desk)", description = "Generates a password that meets every "
            + "known policy and sends it through the pipeline as ADMIN_RESET with the operator's identity; "
            + "mustChangeAtNextLogon defaults to true. The password is in this answer only: tell it to the user. "
            + "Follow Location for the result; the user is mailed once it is written.")
    @APIResponse(responseCode = "202", description = "Accepted; follow Location")
    public Response reset(ResetBody body) {
        TemporaryPassword reset = helpdesk.resetPassword(body == null ? null : body.username(),
                body == null || body.mustChangeAtNextLogon() == null || body.mustChangeAtNextLogon(),
                StaffOperator.of(token));
        return accepted(reset.requestId(), new ResetAccepted(reset.requestId(), RequestStatus.ACCEPTED,
                reset.temporaryPassword()));
    }

    @POST
    @Path("/account-unlocks")
    @Operation(summary = "Unlock a user's account (help desk)", description = "Clears the lockout; the password stays.")
    @APIResponse(responseCode = "202", description = "Accepted; follow Location")
    public Response unlock(UnlockBody body) {
        UUID requestId = helpdesk.unlock(body == null ? null : body.username(), StaffOperator.of(token));
        return accepted(requestId, new AcceptedResponse(requestId, RequestStatus.ACCEPTED));
    }

    private static Response accepted(UUID requestId, Object body) {
        return Response.accepted(body).header(HttpHeaders.LOCATION, RequestStatusResource.PATH + "/" + requestId)
                .build();
    }
}
