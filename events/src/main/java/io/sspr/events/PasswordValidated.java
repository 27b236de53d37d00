package io.sspr.events;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A request the validator accepted, for the worker, signed by the validator (the record's signature header); the
 * worker applies nothing whose signature does not verify. The expiry is the validator's own: its TTL from when it
 * received the request, never later than the request's. {@code objectGuid} (the directory's objectGUID in its
 * string form, null when unknown) lets the worker find the account again even if it was renamed or moved since.
 */
public record PasswordValidated(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        Instant expiresAt,
        int schemaVersion,
        UUID requestEventId,
        Operation operation,
        String userKey,
        String username,
        String userDn,
        String objectGuid,
        String sealedCurrentPassword,
        String sealedNewPassword,
        boolean mustChangeAtNextLogon) implements SsprEvent {

    public static final String TYPE = Topics.PASSWORD_VALIDATED + ".v1";

    public PasswordValidated {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        requireNonNull(expiresAt, "expiresAt");
        requireNonNull(requestEventId, "requestEventId");
        requireNonNull(operation, "operation");
        requireNonNull(userKey, "userKey");
        requireNonNull(username, "username");
        requireNonNull(userDn, "userDn");
    }

    /**
     * Validates a request: same secrets (the worker's copies) and correlation. Its id follows from the request's, so
     * validating a redelivered request again yields the same event.
     */
    public static PasswordValidated of(PasswordRequested request, String userDn, String objectGuid, Instant now,
            Instant expiresAt) {
        UUID eventId = UUID.nameUUIDFromBytes((TYPE + ":" + request.eventId()).getBytes(StandardCharsets.UTF_8));
        return new PasswordValidated(eventId, request.correlationId(), now, expiresAt,
                SCHEMA_VERSION, request.eventId(), request.operation(), request.userKey(), request.username(), userDn,
                objectGuid, request.sealedCurrentPassword(), request.sealedNewPassword(),
                request.mustChangeAtNextLogon());
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
