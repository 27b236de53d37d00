package io.sspr.audit.rest;

import io.sspr.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * RS256 tokens built the way {@code deploy/local/stack auditor_token} builds them, signed with the stack's
 * jwt-private.pem, so tests can mint tokens for any group.
 */
final class TestTokens {
    static final String ISSUER = "urn:sspr:local-stack";

    private TestTokens() {
    }

    static String auditor() {
        return signedByStack(ISSUER, List.of("auditor"), Instant.now().plusSeconds(600));
    }

    static String withGroups(List<String> groups) {
        return signedByStack(ISSUER, groups, Instant.now().plusSeconds(600));
    }

    static String signedByStack(String issuer, List<String> groups, Instant expiresAt) {
        return sign(stackKey(), issuer, groups, expiresAt);
    }

    /** A well-formed auditor token signed by a key the service does not trust. */
    static String auditorSignedByStranger() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign(generator.generateKeyPair().getPrivate(), ISSUER, List.of("auditor"), Instant.now().plusSeconds(600));
    }

    private static String sign(PrivateKey key, String issuer, List<String> groups, Instant expiresAt) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "test-" + String.join("-", groups));
        claims.put("upn", "tester@example.test");
        claims.put("groups", groups);
        claims.put("iat", now.getEpochSecond() - 5);
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = b64(EventJson.write(Map.of("alg", "RS256", "typ", "JWT"))) + "." + b64(EventJson.write(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey stackKey() {
        Path pem = Path.of(System.getenv("OPERATOR_JWT_PRIVATE_KEY"));
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pem + " (written by deploy/local/stack parts)", e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
