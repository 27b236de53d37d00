package io.sspr.portal.service;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.crypto.tink.Aead;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.ServiceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticator-app secrets and codes (RFC 6238 with java-otp: HMAC-SHA1, 30 s steps, 6 digits, as every app expects).
 * Secrets are stored encrypted with the portal's own AEAD keyset, bound to the account they belong to.
 */
@ApplicationScoped
public class AuthenticatorSecrets {
    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    /** One step of clock drift either way. */
    private static final int DRIFT_STEPS = 1;
    private static final String DOMAIN = "sspr-totp-secret-v1\0";

    private final Aead aead;
    private final TimeBasedOneTimePasswordGenerator totp;

    public AuthenticatorSecrets(ServiceKeys keys) {
        this.aead = keys.aead(KeyHolders.SECRET_STORAGE_PRIVATE);
        this.totp = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    }

    /** A new 160-bit secret, as RFC 4226 recommends. */
    public byte[] newSecret() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(totp.getAlgorithm());
            generator.init(160);
            return generator.generateKey().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no " + totp.getAlgorithm(), e);
        }
    }

    public byte[] encrypt(byte[] secret, String accountKey) {
        try {
            return aead.encrypt(secret, associated(accountKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an authenticator secret", e);
        }
    }

    public byte[] decrypt(byte[] ciphertext, String accountKey) {
        try {
            return aead.decrypt(ciphertext, associated(accountKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an authenticator secret does not decrypt for its account", e);
        }
    }

    /**
     * The time step whose code {@code code} is, within one step of drift and later than {@code lastUsedStep}; -1 when
     * it is none of them. Every candidate is compared (constant time), whichever matches.
     */
    public long matchingStep(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (!OneTimeCodes.isWellFormed(code)) {
            return -1;
        }
        SecretKey key = new SecretKeySpec(secret, totp.getAlgorithm());
        long current = now.getEpochSecond() / STEP.toSeconds();
        long found = -1;
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            byte[] expected = codeAt(key, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, typed) && step > lastUsedStep && found < 0) {
                found = step;
            }
        }
        Arrays.fill(typed, (byte) 0);
        return found;
    }

    /** The code of a time step, as an app shows it (for tests and for nothing else in production code). */
    public String codeAt(byte[] secret, Instant at) {
        return codeAt(new SecretKeySpec(secret, totp.getAlgorithm()), at.getEpochSecond() / STEP.toSeconds());
    }

    private String codeAt(SecretKey key, long step) {
        try {
            return totp.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an authenticator secret is not a usable key", e);
        }
    }

    private static byte[] associated(String accountKey) {
        return (DOMAIN + accountKey).getBytes(StandardCharsets.UTF_8);
    }
}
