package io.sspr.events.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Opens sealed secrets with the on-premises private keyset; held only by the validator and the worker. */
public final class SecretOpener {
    private final HybridDecrypt decrypt;

    public SecretOpener(KeysetHandle privateKeyset) {
        try {
            this.decrypt = privateKeyset.getPrimitive(Keysets.CONFIG, HybridDecrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the opening keyset is not an HPKE private keyset", e);
        }
    }

    /**
     * @throws SealedSecretException when the ciphertext is malformed, altered, sealed to another key, or sealed
     *                               for another request, account, operation or field
     */
    public Secret open(String sealed, SealingContext context) {
        if (sealed == null || sealed.isEmpty()) {
            throw new SealedSecretException(context.field() + " is missing");
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new SealedSecretException(context.field() + " is not base64");
        }
        try {
            return Secret.fromUtf8(decrypt.decrypt(ciphertext, context.toBytes()));
        } catch (GeneralSecurityException e) {
            throw new SealedSecretException(context.field()
                    + " does not open: altered, sealed to another key, or sealed for another request");
        }
    }
}
