package io.sspr.events.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordValidated;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SigningTest {
    private static final KeysetHandle PRIVATE = Keysets.newSigningKeyset();
    private static final EventSigner SIGNER = new EventSigner(PRIVATE);
    private static final EventVerifier VERIFIER = new EventVerifier(Keysets.publicPart(PRIVATE));

    private static PasswordValidated unsigned() {
        Instant now = Instant.now();
        PasswordRequested request = new PasswordRequested(UUID.randomUUID(), UUID.randomUUID(), now,
                now.plus(PasswordRequested.DEFAULT_TTL), 1, Operation.CHANGE, "alice", "alice", "c2VhbGVk",
                "c2VhbGVkMg==", "alice", false);
        return PasswordValidated.of(request, "CN=Alice,CN=Users,DC=example,DC=test", null, now);
    }

    @Test
    void signedEventVerifies() {
        PasswordValidated signed = SIGNER.sign(unsigned());
        assertEquals(signed, VERIFIER.verify(signed));
    }

    @Test
    void unsignedEventIsRefused() {
        assertThrows(SealedSecretException.class, () -> VERIFIER.verify(unsigned()));
    }

    @Test
    void anyChangedFieldBreaksTheSignature() {
        PasswordValidated s = SIGNER.sign(unsigned());
        PasswordValidated otherDn = new PasswordValidated(s.eventId(), s.correlationId(), s.occurredAt(),
                s.expiresAt(), s.schemaVersion(), s.requestEventId(), s.operation(), s.userKey(), s.username(),
                "CN=Administrator,CN=Users,DC=example,DC=test", s.objectGuid(), s.sealedCurrentPassword(),
                s.sealedNewPassword(), s.mustChangeAtNextLogon(), s.signature());
        PasswordValidated later = new PasswordValidated(s.eventId(), s.correlationId(), s.occurredAt(),
                s.expiresAt().plusSeconds(3600), s.schemaVersion(), s.requestEventId(), s.operation(), s.userKey(),
                s.username(), s.userDn(), s.objectGuid(), s.sealedCurrentPassword(), s.sealedNewPassword(),
                s.mustChangeAtNextLogon(), s.signature());
        assertThrows(SealedSecretException.class, () -> VERIFIER.verify(otherDn));
        assertThrows(SealedSecretException.class, () -> VERIFIER.verify(later));
    }

    @Test
    void signatureOfAnotherKeyIsRefused() {
        PasswordValidated forged = new EventSigner(Keysets.newSigningKeyset()).sign(unsigned());
        assertThrows(SealedSecretException.class, () -> VERIFIER.verify(forged));
    }
}
