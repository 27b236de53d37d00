package io.sspr.events.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import io.sspr.events.PasswordValidated;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Checks the validator's signature; the worker applies nothing that fails here. */
public final class EventVerifier {
    private final PublicKeyVerify verify;

    public EventVerifier(KeysetHandle publicKeyset) {
        try {
            this.verify = publicKeyset.getPrimitive(Keysets.CONFIG, PublicKeyVerify.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the verifying keyset is not a public signature keyset", e);
        }
    }

    /** @throws SealedSecretException when the event is unsigned or any field differs from what was signed */
    public PasswordValidated verify(PasswordValidated event) {
        if (event.signature() == null || event.signature().isEmpty()) {
            throw new SealedSecretException("validated event is not signed");
        }
        try {
            verify.verify(Base64.getDecoder().decode(event.signature()), EventSigner.signedBytes(event));
            return event;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedSecretException("validated event has an invalid signature");
        }
    }
}
