package io.sspr.worker.service;

import io.sspr.worker.persistence.LedgerState;

/**
 * A validated event the worker will not apply: malformed, unsigned, badly signed, or a replay of a request it
 * already finished. It is dead-lettered and audited; its message names the reason and never echoes the payload.
 */
public class RefusedEventException extends RuntimeException {
    private final String auditReason;

    private RefusedEventException(String detail, String auditReason) {
        super("validated event refused: " + detail);
        this.auditReason = auditReason;
    }

    public static RefusedEventException malformed(String detail) {
        return new RefusedEventException(detail, "event malformed");
    }

    public static RefusedEventException unverified(String detail) {
        return new RefusedEventException(detail, "signature invalid");
    }

    public static RefusedEventException replayed(LedgerState state) {
        return new RefusedEventException("this request was already applied and answered (" + state
                + "); it is not applied again", "replayed");
    }

    /** The audit record's resultReason: nothing unverifiable or already done reaches the directory. */
    public String auditReason() {
        return auditReason;
    }
}
