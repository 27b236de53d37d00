package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.portal.service.RequestRefusedException;
import io.sspr.portal.service.SelfServiceBlockedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.Instant;

/**
 * A refused request: 503 when writeback is not available, 429 for the abuse limits (with when to come back), 403 for an
 * operation switched off, 409 for a step taken too early, 400 for anything wrong with the input.
 */
@Provider
public class RequestRefusedExceptionMapper implements ExceptionMapper<RequestRefusedException> {
    @Override
    public Response toResponse(RequestRefusedException e) {
        Response.ResponseBuilder answer = Response.status(statusOf(e.code())).type(MediaType.APPLICATION_JSON_TYPE);
        if (e instanceof SelfServiceBlockedException blocked) {
            long seconds = Math.max(1, Duration.between(Instant.now(), blocked.until()).toSeconds());
            return answer.header(HttpHeaders.RETRY_AFTER, seconds)
                    .entity(new BlockedResponse(e.code().name(), e.code().defaultMessage(), blocked.until())).build();
        }
        if (e.code() == ResultCode.TOO_MANY_REQUESTS) {
            answer.header(HttpHeaders.RETRY_AFTER, 60);
        }
        return answer.entity(ErrorResponse.of(e.code())).build();
    }

    static int statusOf(ResultCode code) {
        return switch (code) {
            case WRITEBACK_UNAVAILABLE, DIRECTORY_UNAVAILABLE -> 503;
            case SELF_SERVICE_BLOCKED, TOO_MANY_REQUESTS -> 429;
            case UNLOCK_NOT_ALLOWED -> 403;
            case VERIFICATION_INCOMPLETE, REGISTRATION_NOT_READY -> 409;
            case INTERNAL_ERROR -> 500;
            default -> 400;
        };
    }

    /** The 429 of a blocked account: when self-service works again. */
    public record BlockedResponse(String code, String message, Instant blockedUntil) {
    }
}
