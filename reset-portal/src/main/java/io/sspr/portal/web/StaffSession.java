package io.sspr.portal.web;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A staff member's sign-in on the pages: the organisation's token, kept in an HttpOnly, SameSite=Strict cookie that
 * SmallRye JWT also takes for the API ({@code mp.jwt.token.header=Cookie}). The pages verify it themselves with the
 * same configuration, so that an expired or foreign token brings the sign-in page, not a bare 401.
 */
@ApplicationScoped
public class StaffSession {
    public static final String COOKIE = "sspr-staff-token";
    public static final String SIGN_IN = "/staff";
    private static final Logger LOG = Logger.getLogger(StaffSession.class);
    /** A token is a few kilobytes at most; anything longer is not parsed. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final JWTParser parser;

    public StaffSession(JWTParser parser) {
        this.parser = parser;
    }

    /** The verified token (signature, issuer, expiry), or empty. */
    public Optional<JsonWebToken> verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(token.strip()));
        } catch (ParseException e) {
            LOG.infof("staff sign-in refused: the token did not verify (%s)", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    public static boolean hasRole(JsonWebToken token, String... roles) {
        return token.getGroups() != null && Arrays.stream(roles).anyMatch(token.getGroups()::contains);
    }

    /** Lives as long as the token, for the whole portal, never sent by another site's request nor read by scripts. */
    static NewCookie cookie(JsonWebToken token, String raw, boolean secure) {
        int maxAge = (int) Math.max(0, token.getExpirationTime() - Instant.now().getEpochSecond());
        return new NewCookie.Builder(COOKIE).value(raw.strip()).path("/").httpOnly(true).secure(secure).maxAge(maxAge)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    static NewCookie cleared(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true).secure(secure).maxAge(0)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
