package io.sspr.events.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import io.sspr.events.Services;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * One service's Ed25519 signature on every record it produces ({@link #HEADER}); consumers check it with
 * {@link EventVerifier} against that service's public key. Tink's key ids travel in the signature, so a key can roll.
 */
public final class EventSigner {
    /** The Kafka header that carries the signature, base64. */
    public static final String HEADER = "sspr_signature";

    private final String service;
    private final PublicKeySign sign;

    public EventSigner(String service, KeysetHandle privateKeyset) {
        this.service = service;
        try {
            this.sign = privateKeyset.getPrimitive(Keysets.CONFIG, PublicKeySign.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing keyset of " + service + " is not a private signature keyset",
                    e);
        }
    }

    /** Who signs: the service's name, as in its ce_source. */
    public String service() {
        return service;
    }

    public String source() {
        return Services.source(service);
    }

    /** @param value the record's value as sent (null for a tombstone) */
    public byte[] sign(String type, String id, String key, String value) {
        byte[] content = new SignedContent(type, source(), id, key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)).toBytes();
        try {
            return Base64.getEncoder().encode(sign.sign(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
