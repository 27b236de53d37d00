package io.sspr.events.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.Operation;
import io.sspr.events.crypto.SealingContext.Field;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SealingTest {
    private static final KeysetHandle PRIVATE = Keysets.newSealingKeyset();
    private static final SecretSealer SEALER = new SecretSealer(Keysets.publicPart(PRIVATE));
    private static final SecretOpener OPENER = new SecretOpener(PRIVATE);
    private static final String PASSWORD = "Corr3ct-Horse-🚀-é";

    private final UUID correlationId = UUID.randomUUID();
    private final SealingContext context =
            new SealingContext(correlationId, "alice", Operation.CHANGE, Field.NEW_PASSWORD);

    @Test
    void roundTripKeepsEveryCharacter() {
        String sealed = SEALER.seal(Secret.of(PASSWORD), context);
        try (Secret opened = OPENER.open(sealed, context)) {
            assertArrayEquals(PASSWORD.toCharArray(), opened.chars());
        }
        assertFalse(sealed.contains(PASSWORD));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertFalse(SEALER.seal(Secret.of(PASSWORD), context).equals(SEALER.seal(Secret.of(PASSWORD), context)));
    }

    @Test
    void ciphertextMovedToAnotherUserDoesNotOpen() {
        String sealed = SEALER.seal(Secret.of(PASSWORD), context);
        assertThrows(SealedSecretException.class, () -> OPENER.open(sealed,
                new SealingContext(correlationId, "mallory", Operation.CHANGE, Field.NEW_PASSWORD)));
    }

    @Test
    void ciphertextMovedToAnotherRequestDoesNotOpen() {
        String sealed = SEALER.seal(Secret.of(PASSWORD), context);
        assertThrows(SealedSecretException.class, () -> OPENER.open(sealed,
                new SealingContext(UUID.randomUUID(), "alice", Operation.CHANGE, Field.NEW_PASSWORD)));
    }

    @Test
    void ciphertextMovedToAnotherOperationDoesNotOpen() {
        String sealed = SEALER.seal(Secret.of(PASSWORD), context);
        assertThrows(SealedSecretException.class, () -> OPENER.open(sealed,
                new SealingContext(correlationId, "alice", Operation.ADMIN_RESET, Field.NEW_PASSWORD)));
    }

    @Test
    void currentAndNewPasswordCannotBeSwapped() {
        String sealed = SEALER.seal(Secret.of(PASSWORD), context);
        assertThrows(SealedSecretException.class, () -> OPENER.open(sealed,
                new SealingContext(correlationId, "alice", Operation.CHANGE, Field.CURRENT_PASSWORD)));
    }

    @Test
    void everySingleAlteredByteIsDetected() {
        byte[] ciphertext = Base64.getDecoder().decode(SEALER.seal(Secret.of(PASSWORD), context));
        for (int i = 0; i < ciphertext.length; i++) {
            byte[] altered = ciphertext.clone();
            altered[i] ^= 0x01;
            String tampered = Base64.getEncoder().encodeToString(altered);
            assertThrows(SealedSecretException.class, () -> OPENER.open(tampered, context), "byte " + i);
        }
    }

    @Test
    void anotherKeysetCannotOpen() {
        String sealed = SEALER.seal(Secret.of(PASSWORD), context);
        SecretOpener stranger = new SecretOpener(Keysets.newSealingKeyset());
        assertThrows(SealedSecretException.class, () -> stranger.open(sealed, context));
    }

    @Test
    void garbageAndMissingCiphertextsFailClearly() {
        assertEquals("NEW_PASSWORD is not base64",
                assertThrows(SealedSecretException.class, () -> OPENER.open("%%%", context)).getMessage());
        assertEquals("NEW_PASSWORD is missing",
                assertThrows(SealedSecretException.class, () -> OPENER.open(null, context)).getMessage());
    }
}
