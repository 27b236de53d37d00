package io.sspr.audit.chain;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Checks checkpoint signatures against the audit service's public signing keyset. */
public final class CheckpointVerifier {
    private final PublicKeyVerify verify;

    /** @param publicKeyset read with io.sspr.events.crypto.Keysets, which registers Tink's signature primitives */
    public CheckpointVerifier(KeysetHandle publicKeyset) {
        try {
            this.verify = publicKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a public signature keyset", e);
        }
    }

    public boolean verifies(Checkpoint checkpoint) {
        if (checkpoint.signature() == null || checkpoint.hash() == null || checkpoint.createdAt() == null) {
            return false;
        }
        try {
            verify.verify(Base64.getDecoder().decode(checkpoint.signature()), checkpoint.signedContent());
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
