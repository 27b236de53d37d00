package io.sspr.validator.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.sspr.events.ResultCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The policy API's refusals in the API's JSON error format (docs/CONTRACTS.md). */
public class ErrorMappers {

    /** No token, or one that is expired, badly signed or from another issuer. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ErrorResponse(ResultCode.INVALID_REQUEST.name(), "A valid bearer token of the help desk "
                        + "or an admin is required for an account's policy; the domain's policy is at /api/v1/policy."))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(ResultCode.ACCESS_DENIED.name(),
                        "Only the help desk and admins may read an account's policy; the domain's policy is at "
                                + "/api/v1/policy."))
                .build();
    }
}
