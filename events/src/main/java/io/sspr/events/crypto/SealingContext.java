package io.sspr.events.crypto;

import io.sspr.events.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The associated data of a sealed secret: a ciphertext opens only for the same request, account, operation
 * and field, so it cannot be replayed elsewhere or swapped between the current and the new password.
 */
public record SealingContext(UUID correlationId, String userKey, Operation operation, Field field) {
    public enum Field {
        CURRENT_PASSWORD, NEW_PASSWORD,
        /** The copy of the new password sealed to the validator, for the policy check only. */
        NEW_PASSWORD_FOR_VALIDATOR
    }

    private static final String VERSION = "sspr-seal-v1";

    public SealingContext {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(field, "field");
    }

    /** Fields joined with NUL, which none of them can contain, so no two contexts encode alike. */
    byte[] toBytes() {
        return String.join("\0", VERSION, correlationId.toString(), userKey, operation.name(), field.name())
                .getBytes(StandardCharsets.UTF_8);
    }
}
