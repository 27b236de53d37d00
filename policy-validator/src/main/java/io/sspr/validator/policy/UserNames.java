package io.sspr.validator.policy;

/**
 * The names a password must not contain. Either may be null (unknown account, no display name).
 */
public record UserNames(String accountName, String displayName) {
    /** For an account that was not found: only the domain rules apply. */
    public static final UserNames NONE = new UserNames(null, null);
}
