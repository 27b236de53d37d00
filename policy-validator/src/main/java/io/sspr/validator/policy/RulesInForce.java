package io.sspr.validator.policy;

/**
 * The password rules in force: the AD variant or the NIST SP 800-63B one. Both are built once at start and share the
 * lists, so the admin's settings switch between them at once; the configured mode applies until settings choose one,
 * and again once they are deleted.
 */
public final class RulesInForce {
    private final PasswordRules ad;
    private final PasswordRules nist;
    private final boolean nistConfigured;
    private volatile PasswordRules current;

    public RulesInForce(PasswordRules ad, PasswordRules nist, boolean nistConfigured) {
        this.ad = ad;
        this.nist = nist;
        this.nistConfigured = nistConfigured;
        this.current = nistConfigured ? nist : ad;
    }

    /** Read once per decision, so one request is judged by one set of rules. */
    public PasswordRules current() {
        return current;
    }

    /** @return whether the rules in force changed */
    public boolean useNist(boolean nistMode) {
        PasswordRules next = nistMode ? nist : ad;
        boolean changed = next != current;
        current = next;
        return changed;
    }

    /** @return whether the rules in force changed */
    public boolean useConfigured() {
        return useNist(nistConfigured);
    }
}
