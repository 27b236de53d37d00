package io.sspr.events.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * RS256 tokens as {@code deploy/local/stack env} makes AUDITOR_TOKEN and OPERATOR_TOKEN: signed with the stack's
 * operator key ({@code OPERATOR_JWT_PRIVATE_KEY}), issuer {@code urn:sspr:local-stack}, the role in {@code groups}.
 * Tests mint tokens for any group, issuer, expiry, or with a key nobody trusts.
 */
public final class StackTokens {
    public static final String ISSUER = "urn:sspr:local-stack";

    private StackTokens() {
    }

    public static String withGroups(List<String> groups) {
        return signed(ISSUER, groups, Instant.now().plusSeconds(600));
    }

    public static String signed(String issuer, List<String> groups, Instant expiresAt) {
        return sign(stackKey(), issuer, groups, expiresAt);
    }

    /** A well-formed token signed by a key no service trusts. */
    public static String signedByStranger(List<String> groups) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign(generator.generateKeyPair().getPrivate(), ISSUER, groups, Instant.now().plusSeconds(600));
    }

    private static String sign(PrivateKey key, String issuer, List<String> groups, Instant expiresAt) {
        Instant issuedAt = Instant.ofEpochSecond(Math.min(Instant.now().getEpochSecond() - 5,
                expiresAt.getEpochSecond() - 60));
        return Jwt.issuer(issuer).subject("test-" + String.join("-", groups)).upn("tester@example.test")
                .groups(new HashSet<>(groups)).issuedAt(issuedAt).expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString()).sign(key);
    }

    private static PrivateKey stackKey() {
        String location = System.getenv("OPERATOR_JWT_PRIVATE_KEY");
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("OPERATOR_JWT_PRIVATE_KEY is not set: deploy/local/stack parts, then "
                    + "eval \"$(deploy/local/stack env)\"");
        }
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(location)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + location + " (written by deploy/local/stack parts)", e);
        }
    }
}
