package io.sspr.events;

/** The helpdesk operator behind an ADMIN_RESET, taken from a token the portal verified: issuer and subject. */
public record Operator(String issuer, String subject, String userPrincipalName) {

    public boolean isComplete() {
        return issuer != null && !issuer.isBlank() && subject != null && !subject.isBlank();
    }
}
