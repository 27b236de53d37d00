package io.sspr.portal.rest;

import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.portal.service.PasswordChangeService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;
import java.util.UUID;

/** Self-service password change: the user knows the current password. */
@Path("/api/v1/password-changes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PasswordChangeResource {
    private final PasswordChangeService changes;

    public PasswordChangeResource(PasswordChangeService changes) {
        this.changes = changes;
    }

    /** 202 with the request's status URL; the outcome comes later from the pipeline. */
    @POST
    public Response change(PasswordChangeRequest request, @Context HttpServerRequest http) {
        if (request == null) {
            throw changes.refuse(ResultCode.INVALID_REQUEST, null);
        }
        UUID requestId = changes.submit(request.username(), request.currentPassword(), request.newPassword(),
                ClientAddress.of(http));
        // Set as a plain header: Response.location() would make it absolute from the request's Host header.
        return Response.accepted(new AcceptedResponse(requestId, RequestStatus.ACCEPTED))
                .header(HttpHeaders.LOCATION, RequestStatusResource.PATH + "/" + requestId)
                .build();
    }
}
