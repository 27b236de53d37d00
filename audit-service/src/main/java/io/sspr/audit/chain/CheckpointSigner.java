package io.sspr.audit.chain;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Signs checkpoints with the audit service's own signing keyset (signing-private.json, the key its events carry). */
public final class CheckpointSigner {
    private final PublicKeySign sign;

    /** @param privateKeyset read with io.sspr.events.crypto.Keysets, which registers Tink's signature primitives */
    public CheckpointSigner(KeysetHandle privateKeyset) {
        try {
            this.sign = privateKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit service's signing keyset is not a private signature keyset", e);
        }
    }

    /** The time is cut to microseconds, as PostgreSQL stores it, so the stored checkpoint verifies. */
    public Checkpoint sign(long sequence, String hash, Instant at) {
        Checkpoint unsigned = new Checkpoint(sequence, hash, at.truncatedTo(ChronoUnit.MICROS), null);
        try {
            String signature = Base64.getEncoder().encodeToString(sign.sign(unsigned.signedContent()));
            return new Checkpoint(sequence, hash, unsigned.createdAt(), signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
    }
}
