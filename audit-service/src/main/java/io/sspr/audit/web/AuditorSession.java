package io.sspr.audit.web;

import io.sspr.audit.rest.AuditorTokens;
import io.sspr.audit.rest.Reader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An auditor's sign-in on the pages: their token, kept in an HttpOnly, SameSite=Strict cookie for the pages' path
 * only (the API takes bearer headers, never this cookie), and verified on every request with the API's settings.
 */
@ApplicationScoped
public class AuditorSession {
    public static final String COOKIE = "sspr-audit-token";

    /** What the cookie says about its browser. */
    public enum State {
        /** no cookie: the sign-in page */
        NONE,
        /** a token that no longer verifies (expired, too old, foreign): 401 */
        REFUSED,
        /** a verified token without the auditor group: 403 */
        NOT_AUDITOR,
        AUDITOR
    }

    /** @param token the verified token, or null */
    public record Session(State state, Reader reader, JsonWebToken token) {
    }

    private final AuditorTokens tokens;
    private final Optional<Long> maxAgeSeconds;

    public AuditorSession(AuditorTokens tokens,
            @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxAgeSeconds) {
        this.tokens = tokens;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    public Session of(String token) {
        if (token == null || token.isBlank()) {
            return new Session(State.NONE, Reader.of(Optional.empty(), false), null);
        }
        Optional<JsonWebToken> verified = tokens.verify(token);
        Reader reader = Reader.of(verified, true);
        if (verified.isEmpty()) {
            return new Session(State.REFUSED, reader, null);
        }
        State state = AuditorTokens.isAuditor(verified.get()) ? State.AUDITOR : State.NOT_AUDITOR;
        return new Session(state, reader, verified.get());
    }

    /** Lives until the token is no longer taken: its expiry, or its maximum age, whichever comes first. */
    NewCookie cookie(JsonWebToken token, String raw, boolean secure) {
        long end = token.getExpirationTime();
        if (maxAgeSeconds.isPresent() && token.getIssuedAtTime() > 0) {
            end = Math.min(end, token.getIssuedAtTime() + maxAgeSeconds.get());
        }
        int maxAge = (int) Math.max(0, end - Instant.now().getEpochSecond());
        return new NewCookie.Builder(COOKIE).value(raw.strip()).path(AuditPages.ROOT).httpOnly(true).secure(secure)
                .maxAge(maxAge).sameSite(NewCookie.SameSite.STRICT).build();
    }

    static NewCookie cleared(boolean secure) {
        return new NewCookie.Builder(COOKIE).value("").path(AuditPages.ROOT).httpOnly(true).secure(secure).maxAge(0)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
