package io.sspr.validator.rest;

import io.sspr.events.ResultCode;

/** The error body of every API in the system: a stable code and a sentence for a person. */
public record ErrorResponse(String code, String message) {
    public static ErrorResponse of(ResultCode code) {
        return new ErrorResponse(code.name(), code.defaultMessage());
    }
}
