package io.sspr.worker.testing;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.Operation;
import io.sspr.events.PasswordValidated;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.SecretSealer;
import java.time.Instant;
import java.util.UUID;

/** Validated events as the validator would send them, with a validator key and a sealing key of their own. */
public final class TestEvents {
    public static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    public static final String DN = "CN=alice,CN=Users,DC=example,DC=test";
    public static final String CURRENT_PASSWORD = "Old-pass1!";
    public static final String NEW_PASSWORD = "New-pass2!";

    private final KeysetHandle signing = Keysets.newSigningKeyset();
    private final KeysetHandle sealing = Keysets.newSealingKeyset();
    private final EventSigner signer = new EventSigner(signing);
    private final SecretSealer sealer = new SecretSealer(Keysets.publicPart(sealing));

    public EventVerifier verifier() {
        return new EventVerifier(Keysets.publicPart(signing));
    }

    public SecretOpener opener() {
        return new SecretOpener(sealing);
    }

    public SecretSealer sealer() {
        return sealer;
    }

    public PasswordValidated signed(PasswordValidated event) {
        return signer.sign(event);
    }

    public PasswordValidated signed(Operation operation, Instant expiresAt) {
        return signed(event(operation, expiresAt));
    }

    /** Unsigned: sign it with {@link #signed(PasswordValidated)}. */
    public PasswordValidated event(Operation operation, Instant expiresAt) {
        UUID correlationId = UUID.randomUUID();
        String userKey = "alice";
        String current = operation == Operation.CHANGE
                ? sealer.seal(Secret.of(CURRENT_PASSWORD), new SealingContext(correlationId, userKey, operation,
                        SealingContext.Field.CURRENT_PASSWORD))
                : null;
        String next = operation == Operation.UNLOCK ? null
                : sealer.seal(Secret.of(NEW_PASSWORD), new SealingContext(correlationId, userKey, operation,
                        SealingContext.Field.NEW_PASSWORD));
        return new PasswordValidated(UUID.randomUUID(), correlationId, NOW.minusSeconds(1), expiresAt,
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), operation, userKey, "alice", DN, null, current, next, false,
                null);
    }

    /** The same event with another DN under the genuine signature: what a forger would try. */
    public static PasswordValidated withDn(PasswordValidated event, String dn) {
        return new PasswordValidated(event.eventId(), event.correlationId(), event.occurredAt(), event.expiresAt(),
                event.schemaVersion(), event.requestEventId(), event.operation(), event.userKey(), event.username(),
                dn, event.objectGuid(), event.sealedCurrentPassword(), event.sealedNewPassword(),
                event.mustChangeAtNextLogon(), event.signature());
    }
}
