package io.sspr.audit.rest;

import io.sspr.events.ResultCode;

/** Every error of the API: a stable code and a message for a person, never the input. */
public record ErrorResponse(String code, String message) {
    public static ErrorResponse of(ResultCode code, String message) {
        return new ErrorResponse(code.name(), message);
    }
}
