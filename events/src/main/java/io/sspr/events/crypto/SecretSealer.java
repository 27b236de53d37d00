package io.sspr.events.crypto;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/** Seals secrets to the on-premises public keyset (HPKE); the portal holds only this side. */
public final class SecretSealer {
    private final HybridEncrypt encrypt;

    public SecretSealer(KeysetHandle publicKeyset) {
        try {
            this.encrypt = publicKeyset.getPrimitive(Keysets.CONFIG, HybridEncrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sealing keyset is not an HPKE public keyset", e);
        }
    }

    /** Base64 of the Tink ciphertext (key id prefix, encapsulated key, AES-256-GCM). */
    public String seal(Secret secret, SealingContext context) {
        byte[] plaintext = secret.toUtf8();
        try {
            return Base64.getEncoder().encodeToString(encrypt.encrypt(plaintext, context.toBytes()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
