package io.sspr.portal.rest;

import io.sspr.events.Operator;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The staff member behind a request, from the token SmallRye JWT verified: issuer, subject and user principal name. */
public final class StaffOperator {
    private StaffOperator() {
    }

    public static Operator of(JsonWebToken token) {
        return new Operator(token.getIssuer(), token.getSubject(), token.getClaim(Claims.upn.name()));
    }
}
