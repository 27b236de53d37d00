package io.sspr.events;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A reset, change or unlock request from the portal. Passwords are sealed to the worker's keyset, which only the
 * worker can open; the new password is sealed a second time to the validator's keyset
 * ({@code sealedNewPasswordForValidator}) for the policy check. {@code sealedCurrentPassword} is null where the
 * operation needs none. {@code mustChangeAtNextLogon} asks a reset to set {@code pwdLastSet: 0} as well, so the user
 * must choose a new password at the next sign-in. A RESET or UNLOCK carries the portal's {@code verification}
 * (methods passed, when); an ADMIN_RESET the {@code operator} from a verified token.
 */
public record PasswordRequested(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        Instant expiresAt,
        int schemaVersion,
        Operation operation,
        String userKey,
        String username,
        String sealedCurrentPassword,
        String sealedNewPassword,
        String sealedNewPasswordForValidator,
        String initiatedBy,
        boolean mustChangeAtNextLogon,
        Verification verification,
        Operator operator) implements SsprEvent {

    public static final String TYPE = Topics.PASSWORD_REQUESTED + ".v1";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    public PasswordRequested {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        requireNonNull(expiresAt, "expiresAt");
        requireNonNull(operation, "operation");
        requireNonNull(userKey, "userKey");
        requireNonNull(username, "username");
        requireNonNull(initiatedBy, "initiatedBy");
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
