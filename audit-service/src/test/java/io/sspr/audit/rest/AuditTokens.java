package io.sspr.audit.rest;

import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.sspr.events.testing.StackTokens;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Auditors' tokens as the audit service wants them (StackTokens' with the audience {@value #AUDIENCE}), and each
 * way one can be wrong. */
public final class AuditTokens {
    public static final String AUDIENCE = StackTokens.AUDIT_AUDIENCE;
    public static final String UPN = "tester@example.test";

    private AuditTokens() {
    }

    /** An auditor's token, issued a few seconds ago for ten minutes. */
    public static String auditor() {
        return forGroups(List.of("auditor"));
    }

    public static String forGroups(List<String> groups) {
        return StackTokens.signWithStackKey(claims(StackTokens.ISSUER, AUDIENCE, groups, recently()));
    }

    /** The subject names the token in the audit of reads. */
    public static String auditorWithSubject(String subject, String upn) {
        return StackTokens.signWithStackKey(auditorClaims().subject(subject).upn(upn));
    }

    /** @param audience null for none */
    public static String auditorFor(String audience) {
        return StackTokens.signWithStackKey(claims(StackTokens.ISSUER, audience, List.of("auditor"), recently()));
    }

    /** Issued {@code age} ago, still valid for ten minutes more. */
    public static String auditorIssuedAgo(Duration age) {
        Instant issued = Instant.now().minus(age);
        return StackTokens.signWithStackKey(StackTokens.claims(StackTokens.ISSUER, Set.of(AUDIENCE),
                List.of("auditor"), issued, Duration.between(issued, Instant.now().plusSeconds(600))));
    }

    public static String expiredAuditor() {
        return StackTokens.signWithStackKey(StackTokens.claims(StackTokens.ISSUER, Set.of(AUDIENCE),
                List.of("auditor"), Instant.now().minusSeconds(900), Duration.ofMinutes(5)));
    }

    public static String auditorFromIssuer(String issuer) {
        return StackTokens.signWithStackKey(claims(issuer, AUDIENCE, List.of("auditor"), recently()));
    }

    public static String auditorSignedByStranger() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return auditorClaims().sign(generator.generateKeyPair().getPrivate());
    }

    private static JwtClaimsBuilder auditorClaims() {
        return claims(StackTokens.ISSUER, AUDIENCE, List.of("auditor"), recently());
    }

    private static JwtClaimsBuilder claims(String issuer, String audience, List<String> groups, Instant issuedAt) {
        return StackTokens.claims(issuer, audience == null ? Set.of() : Set.of(audience), groups, issuedAt,
                Duration.ofMinutes(10));
    }

    private static Instant recently() {
        return Instant.now().minusSeconds(5);
    }
}
