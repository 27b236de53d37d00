package io.sspr.events.crypto;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Tink's Ed25519 keyset verification with Bouncy Castle's Ed25519 arithmetic: about 70 µs a signature instead of
 * Tink's 160-200 µs (Tink uses a native implementation only through Conscrypt, whose released versions have no
 * Ed25519). Every consumer verifies every record, and the audit service verifies all of them: this is most of what
 * a record costs it (audit-service/README.md, "Benchmark"). Keys, formats and signing stay Tink's; only the check of
 * one signature is Bouncy Castle's, which, like Tink, accepts only canonical encodings.
 *
 * <p>As Tink's keyset wrapper: each enabled key answers for the signatures that start with its output prefix (none
 * for a RAW key); a LEGACY key signs the data followed by one zero byte.
 */
final class FastEd25519Verify implements PublicKeyVerify {
    private record Key(byte[] prefix, byte[] publicKey, boolean legacy) {
    }

    private final List<Key> keys;

    private FastEd25519Verify(List<Key> keys) {
        this.keys = keys;
    }

    /** @return the verifier of the keyset, or empty when one of its keys is not an Ed25519 key */
    static Optional<PublicKeyVerify> of(KeysetHandle keyset) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            if (!(entry.getKey() instanceof Ed25519PublicKey key)) {
                return Optional.empty();
            }
            if (entry.getStatus() == KeyStatus.ENABLED) {
                keys.add(new Key(key.getOutputPrefix().toByteArray(), key.getPublicKeyBytes().toByteArray(),
                        key.getParameters().getVariant() == Ed25519Parameters.Variant.LEGACY));
            }
        }
        return Optional.of(new FastEd25519Verify(List.copyOf(keys)));
    }

    @Override
    public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
        for (Key key : keys) {
            int prefix = key.prefix().length;
            if (signature.length != prefix + Ed25519.SIGNATURE_SIZE
                    || !Arrays.equals(signature, 0, prefix, key.prefix(), 0, prefix)) {
                continue;
            }
            byte[] message = key.legacy() ? Arrays.copyOf(data, data.length + 1) : data;
            if (Ed25519.verify(signature, prefix, key.publicKey(), 0, message, 0, message.length)) {
                return;
            }
        }
        throw new GeneralSecurityException("invalid signature");
    }
}
