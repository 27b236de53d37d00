package io.sspr.validator.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The effective password policy of an account, in numbers.
 *
 * @param minAge null when a password may be changed again at once
 * @param maxAge null when passwords never expire
 */
public record PasswordPolicy(
        int minLength,
        int maxLength,
        boolean complexityEnabled,
        ComplexityDialect dialect,
        int historyLength,
        Duration minAge,
        Duration maxAge) {

    /** AD stores at most 256 UTF-16 code units whatever the policy says. */
    public static final int AD_MAX_LENGTH = 256;

    public PasswordPolicy {
        Objects.requireNonNull(dialect, "dialect");
        if (minLength < 0 || maxLength < minLength) {
            throw new IllegalArgumentException("invalid length bounds " + minLength + ".." + maxLength);
        }
    }

    /** A domain policy as the domain object publishes it. */
    public static PasswordPolicy domain(int minLength, boolean complexityEnabled, ComplexityDialect dialect,
            int historyLength, Duration minAge, Duration maxAge) {
        return new PasswordPolicy(Math.min(minLength, AD_MAX_LENGTH), AD_MAX_LENGTH, complexityEnabled, dialect,
                historyLength, minAge, maxAge);
    }

    public PasswordPolicy withDialect(ComplexityDialect other) {
        return new PasswordPolicy(minLength, maxLength, complexityEnabled, other, historyLength, minAge, maxAge);
    }

    /** The stricter of this minimum and another (a setting may ask for more than the directory, never for less). */
    public PasswordPolicy withMinLengthAtLeast(int atLeast) {
        return atLeast <= minLength ? this
                : new PasswordPolicy(atLeast, maxLength, complexityEnabled, dialect, historyLength, minAge, maxAge);
    }
}
