package io.sspr.validator.policy;

/**
 * The names a password must not contain. Either may be null (unknown account, no display name).
 */
public record UserNames(String accountName, String displayName) {
    /** For an account that was not found: only the domain rules apply. */
    public static final UserNames NONE = new UserNames(null, null);

    /**
     * The names a password is held to for an account the directory cannot show (unknown, or one that may not use
     * self-service): only the name the person typed, a UPN's part before the @ standing for its sAMAccountName. The
     * answer then depends on what was typed alone, never on the directory.
     */
    public static UserNames typed(String username) {
        if (username == null || username.isBlank()) {
            return NONE;
        }
        int at = username.indexOf('@');
        return new UserNames(at > 0 ? username.substring(0, at) : username, null);
    }
}
