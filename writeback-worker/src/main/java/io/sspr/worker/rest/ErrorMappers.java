package io.sspr.worker.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.sspr.events.ResultCode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The run status's refusals in the API's JSON error format (docs/CONTRACTS.md). */
public class ErrorMappers {

    /** A bearer token that is expired, badly signed or from another issuer. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Map.of("code", ResultCode.INVALID_REQUEST.name(),
                        "message", "The bearer token is not valid; send none for the summary, or an operator's."))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", ResultCode.ACCESS_DENIED.name(),
                        "message", "Only members of the operator group see the recent runs; send no token for the summary."))
                .build();
    }
}
