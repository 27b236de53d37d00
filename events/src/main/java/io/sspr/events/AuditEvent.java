package io.sspr.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An activity outside the password pipeline (a refused request, verification progress, a block, a setting),
 * shaped like a Microsoft Graph directoryAudit record.
 */
public record AuditEvent(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        int schemaVersion,
        String userKey,
        AuditActivity activity,
        AuditResult result,
        String resultReason,
        String initiatedBy,
        String targetUser,
        String loggedByService,
        Map<String, String> details) implements SsprEvent {

    public static final String TYPE = Topics.AUDIT_EVENTS + ".v1";

    /** Graph's directoryAudit result values. */
    public enum AuditResult {
        success, failure, timeout
    }

    public AuditEvent {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        requireNonNull(userKey, "userKey");
        requireNonNull(activity, "activity");
        requireNonNull(result, "result");
        requireNonNull(loggedByService, "loggedByService");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }
}
