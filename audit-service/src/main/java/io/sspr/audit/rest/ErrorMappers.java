package io.sspr.audit.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.sspr.events.ResultCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into the JSON error of docs/CONTRACTS.md; stack traces go to the log only. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return error(Response.Status.BAD_REQUEST, ResultCode.INVALID_REQUEST, e.getMessage());
    }

    /** No token, or one that is expired, badly signed or from another issuer. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(error(Response.Status.UNAUTHORIZED, ResultCode.INVALID_REQUEST,
                "A valid bearer token is required to read the audit log."))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(Response.Status.FORBIDDEN, ResultCode.ACCESS_DENIED,
                "Only members of the auditor group may read the audit log.");
    }

    /** 404, 405, 406 and the like keep their status but speak the API's error format. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e);
        }
        return error(status, ResultCode.INVALID_REQUEST, status.getReasonPhrase() + ".");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure while answering an audit query", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR, ResultCode.INTERNAL_ERROR,
                ResultCode.INTERNAL_ERROR.defaultMessage());
    }

    private static Response error(Response.StatusType status, ResultCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(code, message)).build();
    }
}
