package io.sspr.worker.service;

/**
 * A validated event the worker will not apply because it is malformed, unsigned or badly signed. It is
 * dead-lettered and audited; its message names the reason and never echoes the payload.
 */
public class RefusedEventException extends RuntimeException {
    /** The audit record's resultReason for every refusal: nothing unverifiable reaches the directory. */
    public static final String AUDIT_REASON = "signature invalid";

    public RefusedEventException(String detail) {
        super("validated event refused: " + detail);
    }
}
