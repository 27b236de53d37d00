package io.sspr.worker.testing;

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
 * RS256 tokens built the way {@code deploy/local/stack} builds OPERATOR_TOKEN, signed with the stack's operator key
 * ({@code OPERATOR_JWT_PRIVATE_KEY} from {@code stack env}), so tests can mint tokens for any group.
 */
public final class OperatorTokens {
    public static final String ISSUER = "urn:sspr:local-stack";

    private OperatorTokens() {
    }

    public static String withGroups(List<String> groups) {
        return sign(stackKey(), ISSUER, groups, Instant.now().plusSeconds(600));
    }

    public static String expired(List<String> groups) {
        return sign(stackKey(), ISSUER, groups, Instant.now().minusSeconds(600));
    }

    public static String fromIssuer(String issuer, List<String> groups) {
        return sign(stackKey(), issuer, groups, Instant.now().plusSeconds(600));
    }

    /** A well-formed token signed by a key the worker does not trust. */
    public static String signedByStranger(List<String> groups) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign(generator.generateKeyPair().getPrivate(), ISSUER, groups, Instant.now().plusSeconds(600));
    }

    private static String sign(PrivateKey key, String issuer, List<String> groups, Instant expiresAt) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "test-" + String.join("-", groups));
        claims.put("upn", "operator@example.test");
        claims.put("groups", groups);
        claims.put("iat", Math.min(now.getEpochSecond() - 5, expiresAt.getEpochSecond() - 60));
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = b64(EventJson.write(Map.of("alg", "RS256", "typ", "JWT"))) + "."
                + b64(EventJson.write(claims));
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
        String location = System.getenv("OPERATOR_JWT_PRIVATE_KEY");
        if (location == null || location.isBlank()) {
            throw new IllegalStateException("OPERATOR_JWT_PRIVATE_KEY is not set: eval \"$(deploy/local/stack env)\" first");
        }
        Path pem = Path.of(location);
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pem + " (written by deploy/local/stack parts)", e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
