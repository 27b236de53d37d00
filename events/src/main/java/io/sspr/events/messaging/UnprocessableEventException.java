package io.sspr.events.messaging;

import io.sspr.events.AuditActivity;
import java.util.UUID;

/**
 * An event that can never be processed, however often it is tried: unreadable, malformed, forged, expired or refused.
 * The failure rule ({@link FailureRule}) dead-letters it with {@link #reason()} and this message, counts and audits
 * it, and goes on with the next record. Every other exception is transient. The message names a field or a check,
 * never the content, which could hold a secret sent by mistake.
 */
public class UnprocessableEventException extends RuntimeException {

    /** Why, as a stable code in the dead letter's headers, the metric and the audit record. */
    public enum Reason {
        MALFORMED("event malformed"),
        FORGED("signature invalid"),
        EXPIRED("event expired"),
        REFUSED("event refused");

        private final String auditReason;

        Reason(String auditReason) {
            this.auditReason = auditReason;
        }

        public String auditReason() {
            return auditReason;
        }
    }

    /** What the event claims about itself, where it could be read: the audit record names it (as a claim). */
    public record Claims(UUID correlationId, String userKey, String username, AuditActivity activity) {
    }

    private final Reason reason;
    private final Claims claims;

    public UnprocessableEventException(Reason reason, String message) {
        this(reason, message, null);
    }

    public UnprocessableEventException(Reason reason, String message, Claims claims) {
        super(message);
        this.reason = reason;
        this.claims = claims;
    }

    public Reason reason() {
        return reason;
    }

    /** Null when nothing could be read from the event. */
    public Claims claims() {
        return claims;
    }
}
