package io.sspr.events.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * RS256 tokens as {@code deploy/local/stack env} makes AUDITOR_TOKEN, OPERATOR_TOKEN, HELPDESK_TOKEN and ADMIN_TOKEN:
 * signed with the stack's operator key ({@code OPERATOR_JWT_PRIVATE_KEY}), issuer {@code urn:sspr:local-stack}, the
 * role in {@code groups}, and the audience of the service that role is for where that service checks one (the audit
 * service: {@value #AUDIT_AUDIENCE}). Tests mint tokens for any group, issuer, audience, age, or with a key nobody
 * trusts.
 */
public final class StackTokens {
    public static final String ISSUER = "urn:sspr:local-stack";
    public static final String AUDIT_AUDIENCE = "sspr-audit";
    /** The audience the stack puts in a role's token, as {@code staff_token} in deploy/local/stack does. */
    private static final Map<String, String> AUDIENCE_OF_ROLE = Map.of("auditor", AUDIT_AUDIENCE);

    private StackTokens() {
    }

    public static String withGroups(List<String> groups) {
        return signed(ISSUER, groups, Instant.now().plusSeconds(600));
    }

    public static String signed(String issuer, List<String> groups, Instant expiresAt) {
        Instant issuedAt = Instant.ofEpochSecond(Math.min(Instant.now().getEpochSecond() - 5,
                expiresAt.getEpochSecond() - 60));
        return claims(issuer, audienceOf(groups), groups, issuedAt, Duration.between(issuedAt, expiresAt))
                .sign(stackKey());
    }

    /** A well-formed token signed by a key no service trusts. */
    public static String signedByStranger(List<String> groups) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Instant issuedAt = Instant.now().minusSeconds(5);
        return claims(ISSUER, audienceOf(groups), groups, issuedAt, Duration.ofMinutes(10))
                .sign(generator.generateKeyPair().getPrivate());
    }

    /**
     * The claims of a stack token, for tests that vary one of them (then {@link #signWithStackKey}).
     *
     * @param audiences empty for a token without {@code aud}
     */
    public static JwtClaimsBuilder claims(String issuer, Set<String> audiences, List<String> groups,
            Instant issuedAt, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject("test-" + String.join("-", groups))
                .upn("tester@example.test").groups(new HashSet<>(groups)).issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime)).claim("jti", UUID.randomUUID().toString());
        return audiences.isEmpty() ? claims : claims.audience(audiences);
    }

    public static String signWithStackKey(JwtClaimsBuilder claims) {
        return claims.sign(stackKey());
    }

    private static Set<String> audienceOf(List<String> groups) {
        return groups.stream().map(AUDIENCE_OF_ROLE::get).filter(Objects::nonNull).collect(Collectors.toSet());
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
