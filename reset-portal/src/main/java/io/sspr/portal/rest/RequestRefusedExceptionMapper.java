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
import java.util.OptionalLong;

/**
 * A refused request: 503 when writeback is not available, 429 for the abuse limits (with when to come back), 403 for an
 * operation switched off, 409 for a step taken too early, 400 for anything wrong with the input.
 */
@Provider
public class RequestRefusedExceptionMapper implements ExceptionMapper<RequestRefusedException> {
    @Override
    public Response toResponse(RequestRefusedException e) {
        Response.ResponseBuilder answer = Response.status(statusOf(e.code())).type(MediaType.APPLICATION_JSON_TYPE);
        retryAfterSeconds(e).ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        if (e instanceof SelfServiceBlockedException blocked) {
            return answer.entity(new BlockedResponse(e.code().name(), e.code().defaultMessage(), blocked.until()))
                    .build();
        }
        return answer.entity(ErrorResponse.of(e.code())).build();
    }

    /** When to come back: the end of a block, or a minute after the per-client limit; empty for other refusals. */
    public static OptionalLong retryAfterSeconds(RequestRefusedException e) {
        if (e instanceof SelfServiceBlockedException blocked) {
            return OptionalLong.of(Math.max(1, Duration.between(Instant.now(), blocked.until()).toSeconds()));
        }
        return e.code() == ResultCode.TOO_MANY_REQUESTS ? OptionalLong.of(60) : OptionalLong.empty();
    }

    public static int statusOf(ResultCode code) {
        return switch (code) {
            case WRITEBACK_UNAVAILABLE, WRITEBACK_INACTIVE, DIRECTORY_UNAVAILABLE, POLICY_UNKNOWN -> 503;
            case SELF_SERVICE_BLOCKED, TOO_MANY_REQUESTS -> 429;
            case UNLOCK_NOT_ALLOWED, FORM_TOKEN_INVALID -> 403;
            case VERIFICATION_INCOMPLETE, REGISTRATION_NOT_READY -> 409;
            case INTERNAL_ERROR -> 500;
            default -> 400;
        };
    }

    /** The 429 of a blocked account: when self-service works again. */
    public record BlockedResponse(String code, String message, Instant blockedUntil) {
    }
}
