package io.sspr.audit.rest;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies an auditor's token as SmallRye JWT does for the API (mp.jwt.verify.*: signature, issuer, audience, expiry
 * and age), for those who must know who is asking without failing the request: the audit of reads, and the pages,
 * which take their token from a cookie.
 */
@ApplicationScoped
public class AuditorTokens {
    public static final String ROLE = "auditor";
    private static final String BEARER = "Bearer ";
    /** A token is a few kilobytes at most; anything longer is not parsed. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final JWTParser parser;

    public AuditorTokens(JWTParser parser) {
        this.parser = parser;
    }

    public Optional<JsonWebToken> verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(token.strip()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Who sent an Authorization header (null when there was none). */
    public Reader fromAuthorization(String header) {
        if (header == null || header.isBlank()) {
            return Reader.of(Optional.empty(), false);
        }
        boolean bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        return Reader.of(bearer ? verify(header.substring(BEARER.length())) : Optional.empty(), true);
    }

    public static boolean isAuditor(JsonWebToken token) {
        return token.getGroups() != null && token.getGroups().contains(ROLE);
    }
}
