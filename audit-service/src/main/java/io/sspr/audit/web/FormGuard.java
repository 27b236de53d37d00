package io.sspr.audit.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cross-site request forgery protection for the pages' two forms (sign-in and sign-out; the search is a GET that
 * changes nothing): a double-submit token and the browser's own word on where the form came from. The browser holds
 * a random value in an HttpOnly, SameSite=Strict cookie and the form carries it in a hidden field; a POST is taken
 * only when the two are equal, and when its {@code Sec-Fetch-Site} (if sent) is {@code same-origin} and its
 * {@code Origin} (if sent) is this host. Another site can neither read the cookie nor send a same-origin request; a
 * cookie planted from a sibling domain still fails the origin check. The audit service holds no MAC key to sign
 * the value, as the portal's FormTokens do; nothing is stored.
 */
@ApplicationScoped
public class FormGuard {
    public static final String COOKIE = "sspr-audit-form";
    public static final String FIELD = "csrf";
    private static final int COOKIE_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();

    /** The browser's form cookie when it is well-formed, else a new one to set. */
    public String cookieOrNew(String cookie) {
        if (isWellFormed(cookie)) {
            return cookie;
        }
        byte[] value = new byte[COOKIE_BYTES];
        random.nextBytes(value);
        return ENCODER.encodeToString(value);
    }

    /** Whether a POST came from this service's own form. */
    public boolean accepts(String cookie, String field, HttpServerRequest http) {
        if (!isWellFormed(cookie) || field == null
                || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII),
                        field.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        String site = http.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        String origin = http.getHeader("Origin");
        return origin == null || sameHost(origin, http.getHeader("Host"));
    }

    static NewCookie cookie(String value, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(value).path(AuditPages.ROOT).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    private static boolean sameHost(String origin, String host) {
        try {
            String authority = URI.create(origin).getAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isWellFormed(String cookie) {
        if (cookie == null || cookie.length() != 43) {
            return false;
        }
        try {
            return DECODER.decode(cookie).length == COOKIE_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
