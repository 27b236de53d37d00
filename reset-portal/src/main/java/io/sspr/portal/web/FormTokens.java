package io.sspr.portal.web;

import com.google.crypto.tink.Mac;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.ServiceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Cross-site request forgery protection for the pages' forms: a signed double-submit token. The browser holds a
 * random value in a cookie (HttpOnly, SameSite=Strict); every form carries, in a hidden field, a MAC of that value
 * made with the portal's own code-MAC keyset. A POST is taken only when the field is the MAC of the cookie it came
 * with: another site can neither read the cookie nor make the MAC. Tink's MAC is deterministic and every instance
 * holds the same keyset, so any instance checks what another issued; nothing is stored.
 *
 * <p>Each MAC input starts with a purpose of its own ({@code sspr-csrf-v1}, {@code sspr-enrolment-v1}), so none can be
 * taken for another, nor for a one-time code's ({@code sspr-code-v1}, {@code io.sspr.portal.service.OneTimeCodes}).
 */
@ApplicationScoped
public class FormTokens {
    public static final String COOKIE = "sspr-csrf";
    public static final String FIELD = "csrf";
    /** The browser that entered a registration's mailed code, and so may see its secret again. */
    public static final String ENROLMENT_COOKIE = "sspr-enrolment";

    private static final String FORM_PURPOSE = "sspr-csrf-v1\0";
    private static final String ENROLMENT_PURPOSE = "sspr-enrolment-v1\0";
    private static final int COOKIE_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();
    private final Mac mac;

    public FormTokens(ServiceKeys keys) {
        this.mac = keys.mac(KeyHolders.CODE_MAC_PRIVATE);
    }

    /** The browser's cookie value when it is one this portal could have made, else a new one to set. */
    public String cookieOrNew(String cookie) {
        if (isWellFormed(cookie)) {
            return cookie;
        }
        byte[] value = new byte[COOKIE_BYTES];
        random.nextBytes(value);
        return ENCODER.encodeToString(value);
    }

    /** The hidden field's value for forms sent with this cookie. */
    public String fieldFor(String cookie) {
        return ENCODER.encodeToString(compute(FORM_PURPOSE + cookie));
    }

    /** @throws FormTokenRefusedException unless the field is the MAC of the cookie */
    public void require(FormToken token) {
        if (token == null || !isWellFormed(token.cookie) || !verifies(token.field, FORM_PURPOSE + token.cookie)) {
            throw new FormTokenRefusedException();
        }
    }

    /** Proof, kept in a cookie, that this browser (its form cookie) entered the registration's mailed code. */
    public String enrolmentProof(UUID registrationId, String cookie) {
        return ENCODER.encodeToString(compute(ENROLMENT_PURPOSE + registrationId + "\0" + cookie));
    }

    public boolean provesEnrolment(UUID registrationId, String cookie, String proof) {
        return isWellFormed(cookie) && verifies(proof, ENROLMENT_PURPOSE + registrationId + "\0" + cookie);
    }

    /** The form cookie: for the whole portal, never sent by another site's request, never read by scripts. */
    public static NewCookie formCookie(String value, boolean secure) {
        return cookie(COOKIE, value, "/", secure);
    }

    public static NewCookie enrolmentCookie(UUID registrationId, String value, boolean secure) {
        return cookie(ENROLMENT_COOKIE, value, "/register/" + registrationId, secure);
    }

    private static NewCookie cookie(String name, String value, String path, boolean secure) {
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
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

    private byte[] compute(String input) {
        try {
            return mac.computeMac(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a form token", e);
        }
    }

    private boolean verifies(String encoded, String input) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > 200) {
            return false;
        }
        try {
            mac.verifyMac(DECODER.decode(encoded), input.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
