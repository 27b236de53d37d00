package io.sspr.portal.web;

import io.sspr.events.Operator;
import io.sspr.portal.rest.StaffOperator;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The outcome of checking a staff page's sign-in: the operator when the token verifies and has one of the roles; else
 * where to send the browser (the sign-in page) or that the role is missing.
 */
record StaffPage(Optional<JsonWebToken> token, boolean allowed) {
    static StaffPage check(StaffSession session, String cookie, String... roles) {
        Optional<JsonWebToken> token = session.verify(cookie);
        return new StaffPage(token, token.map(t -> StaffSession.hasRole(t, roles)).orElse(false));
    }

    boolean signedIn() {
        return token.isPresent();
    }

    Operator operator() {
        return StaffOperator.of(token.orElseThrow());
    }
}
