package io.sspr.events;

/** The helpdesk operator behind an ADMIN_RESET, taken from a token the portal verified: issuer and subject. */
public record Operator(String issuer, String subject, String userPrincipalName) {

    /** How audit records name the operator: the user principal name, else the token's subject. */
    public String displayName() {
        return userPrincipalName != null && !userPrincipalName.isBlank() ? userPrincipalName : subject;
    }

    public boolean isComplete() {
        return issuer != null && !issuer.isBlank() && subject != null && !subject.isBlank();
    }
}
