package io.sspr.audit.rest;

/** A query parameter the API cannot use; answered with 400 INVALID_REQUEST and this message. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
