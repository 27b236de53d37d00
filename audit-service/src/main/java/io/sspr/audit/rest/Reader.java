package io.sspr.audit.rest;

import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sent a request, as its audit record names them.
 *
 * @param name the verified token's user name (upn, else preferred_username, else sub), or {@value #ANONYMOUS}
 * @param subject the verified token's sub, or null
 */
public record Reader(String name, String subject, Token token) {
    public static final String ANONYMOUS = "anonymous";

    /** What the request carried: no token, one that did not verify, or a verified one. */
    public enum Token {
        none,
        refused,
        verified
    }

    public static Reader of(Optional<JsonWebToken> verified, boolean presented) {
        if (verified.isPresent()) {
            JsonWebToken token = verified.get();
            return new Reader(token.getName() == null ? token.getSubject() : token.getName(), token.getSubject(),
                    Token.verified);
        }
        return new Reader(ANONYMOUS, null, presented ? Token.refused : Token.none);
    }
}
