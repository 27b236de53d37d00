package io.sspr.portal.service;

import com.google.crypto.tink.Mac;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.ServiceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Six-digit one-time codes: drawn from SecureRandom, stored only as an HMAC (the portal's own code-mac keyset) bound to
 * the flow they belong to, and checked with Tink's constant-time MAC verification.
 */
@ApplicationScoped
public class OneTimeCodes {
    private static final String DOMAIN = "sspr-code-v1";
    private static final int DIGITS = 6;

    private final SecureRandom random = new SecureRandom();
    private final Mac mac;

    public OneTimeCodes(ServiceKeys keys) {
        this.mac = keys.mac(KeyHolders.CODE_MAC_PRIVATE);
    }

    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    public byte[] macOf(UUID flowId, String code) {
        try {
            return mac.computeMac(input(flowId, code));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a code MAC", e);
        }
    }

    /** Whether {@code code} is the one whose MAC is stored; a malformed code is simply not it. */
    public boolean matches(UUID flowId, String code, byte[] storedMac) {
        if (code == null || storedMac == null || !isWellFormed(code)) {
            return false;
        }
        try {
            mac.verifyMac(storedMac, input(flowId, code));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static boolean isWellFormed(String code) {
        return code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static byte[] input(UUID flowId, String code) {
        return (DOMAIN + "\0" + flowId + "\0" + code).getBytes(StandardCharsets.UTF_8);
    }
}
