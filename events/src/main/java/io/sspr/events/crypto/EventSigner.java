package io.sspr.events.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import io.sspr.events.PasswordValidated;
import io.sspr.events.json.EventJson;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** The validator's signature on what it accepted (Ed25519). */
public final class EventSigner {
    private final PublicKeySign sign;

    public EventSigner(KeysetHandle privateKeyset) {
        try {
            this.sign = privateKeyset.getPrimitive(Keysets.CONFIG, PublicKeySign.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing keyset is not a private signature keyset", e);
        }
    }

    public PasswordValidated sign(PasswordValidated unsigned) {
        try {
            return unsigned.withSignature(
                    Base64.getEncoder().encodeToString(sign.sign(signedBytes(unsigned))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Every field but the signature, in the JSON form the event travels in. */
    static byte[] signedBytes(PasswordValidated event) {
        return EventJson.writeBytes(event.withSignature(null));
    }
}
