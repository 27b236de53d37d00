package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.portal.service.RequestRefusedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request: 503 when writeback is not available, 400 for anything wrong with the input. */
@Provider
public class RequestRefusedExceptionMapper implements ExceptionMapper<RequestRefusedException> {
    @Override
    public Response toResponse(RequestRefusedException e) {
        return Response.status(statusOf(e.code()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(e.code()))
                .build();
    }

    static int statusOf(ResultCode code) {
        return switch (code) {
            case WRITEBACK_UNAVAILABLE, DIRECTORY_UNAVAILABLE -> 503;
            case INTERNAL_ERROR -> 500;
            default -> 400;
        };
    }
}
