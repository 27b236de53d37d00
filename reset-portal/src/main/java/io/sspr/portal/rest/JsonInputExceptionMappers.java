package io.sspr.portal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.sspr.events.ResultCode;
import io.sspr.portal.service.PasswordChangeService;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body that is not JSON, or not the expected shape: 400 INVALID_REQUEST, audited like any refusal.
 * Jackson's messages quote the input (which may be a password), so neither the answer nor the log carries them.
 * The second mapper replaces Quarkus's built-in one, which would describe the input.
 */
public class JsonInputExceptionMappers {
    private final PasswordChangeService changes;

    public JsonInputExceptionMappers(PasswordChangeService changes) {
        this.changes = changes;
    }

    @ServerExceptionMapper
    public Response notJson(JsonProcessingException e) {
        return refuse();
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return refuse();
    }

    private Response refuse() {
        changes.refuse(ResultCode.INVALID_REQUEST, null);
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(ResultCode.INVALID_REQUEST))
                .build();
    }
}
