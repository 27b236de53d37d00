package io.sspr.worker.testing;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.Operation;
import io.sspr.events.PasswordValidated;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.events.testing.SignedRecords;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Validated events as the validator would send them, with a validator signing key and a sealing key of their own:
 * {@link #headers} signs a record's value as the validator's producer does.
 */
public final class TestEvents {
    public static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    public static final String DN = "CN=alice,CN=Users,DC=example,DC=test";
    public static final String CURRENT_PASSWORD = "Old-pass1!";
    public static final String NEW_PASSWORD = "New-pass2!";

    private final KeysetHandle signing = Keysets.newSigningKeyset();
    private final KeysetHandle sealing = Keysets.newSealingKeyset();
    private final EventSigner signer = new EventSigner(Services.POLICY_VALIDATOR, signing);
    private final SecretSealer sealer = new SecretSealer(Keysets.publicPart(sealing));

    public EventVerifier verifier() {
        return new EventVerifier(Map.of(Services.POLICY_VALIDATOR, Keysets.publicPart(signing)));
    }

    public SecretOpener opener() {
        return new SecretOpener(sealing);
    }

    public SecretSealer sealer() {
        return sealer;
    }

    /** The event itself: its record is signed when it is sent ({@link #headers}). */
    public PasswordValidated signed(PasswordValidated event) {
        return event;
    }

    /** The record headers the validator would send with this value: CloudEvents and its signature. */
    public Map<String, byte[]> headers(PasswordValidated event, String key, String value) {
        return SignedRecords.headers(event, signer, key, value);
    }

    public PasswordValidated signed(Operation operation, Instant expiresAt) {
        return signed(event(operation, expiresAt));
    }

    /** As the validator accepts it; its record is signed when sent. */
    public PasswordValidated event(Operation operation, Instant expiresAt) {
        return event(operation, CURRENT_PASSWORD, expiresAt);
    }

    /** A VERIFY_PASSWORD (or CHANGE) carrying this current password. */
    public PasswordValidated event(Operation operation, String currentPassword, Instant expiresAt) {
        UUID correlationId = UUID.randomUUID();
        String userKey = "alice";
        String current = operation == Operation.CHANGE || operation == Operation.VERIFY_PASSWORD
                ? sealer.seal(Secret.of(currentPassword), new SealingContext(correlationId, userKey, operation,
                        SealingContext.Field.CURRENT_PASSWORD))
                : null;
        String next = !operation.setsPassword() ? null
                : sealer.seal(Secret.of(NEW_PASSWORD), new SealingContext(correlationId, userKey, operation,
                        SealingContext.Field.NEW_PASSWORD));
        return new PasswordValidated(UUID.randomUUID(), correlationId, NOW.minusSeconds(1), expiresAt,
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), operation, userKey, "alice", DN, null, current, next, false);
    }

    /** The same event with another DN: what a forger would put under the genuine signature. */
    public static PasswordValidated withDn(PasswordValidated event, String dn) {
        return new PasswordValidated(event.eventId(), event.correlationId(), event.occurredAt(), event.expiresAt(),
                event.schemaVersion(), event.requestEventId(), event.operation(), event.userKey(), event.username(),
                dn, event.objectGuid(), event.sealedCurrentPassword(), event.sealedNewPassword(),
                event.mustChangeAtNextLogon());
    }
}
