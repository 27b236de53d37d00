package io.sspr.validator.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.sspr.events.Violation;
import io.sspr.validator.policy.lists.BannedPasswordCheck;
import io.sspr.validator.policy.lists.BreachedPasswords;

/**
 * Every rule a new password must pass, in one call and one stable order: the directory's own rules first (so the
 * headline code is the one the directory would give), then the banned and breached lists, which ask for more than
 * AD does.
 */
public final class PasswordRules {

    private final PolicyChecker directoryRules = new PolicyChecker();
    private final Optional<BannedPasswordCheck> bannedPasswords;
    private final Optional<BreachedPasswords> breachedPasswords;
    /** 0 in AD mode; NIST SP 800-63B's minimum (15, or 8 with multi-factor) in NIST mode. */
    private final int nistMinimumLength;

    public PasswordRules(Optional<BannedPasswordCheck> bannedPasswords, Optional<BreachedPasswords> breachedPasswords) {
        this(bannedPasswords, breachedPasswords, 0);
    }

    private PasswordRules(Optional<BannedPasswordCheck> bannedPasswords, Optional<BreachedPasswords> breachedPasswords,
            int nistMinimumLength) {
        this.bannedPasswords = bannedPasswords;
        this.breachedPasswords = breachedPasswords;
        this.nistMinimumLength = nistMinimumLength;
    }

    /** NIST mode needs a blocklist: without one it would only be a longer minimum. */
    public static PasswordRules nist(BannedPasswordCheck bannedPasswords, Optional<BreachedPasswords> breachedPasswords,
            boolean multiFactor) {
        return new PasswordRules(Optional.of(bannedPasswords), breachedPasswords, multiFactor ? 8 : 15);
    }

    public List<Violation> check(CharSequence password, PasswordPolicy directoryPolicy, UserNames names) {
        PasswordPolicy policy = effective(directoryPolicy);
        List<Violation> violations = new ArrayList<>(directoryRules.check(password, policy, names));
        bannedPasswords.flatMap(check -> check.check(password, nameTokens(names))).ifPresent(violations::add);
        breachedPasswords.flatMap(breached -> breached.check(password)).ifPresent(violations::add);
        return List.copyOf(violations);
    }

    /** The policy a password is held to: the directory's, with NIST's longer minimum in NIST mode. */
    public PasswordPolicy effective(PasswordPolicy directoryPolicy) {
        return directoryPolicy.withMinLengthAtLeast(nistMinimumLength);
    }

    public boolean nistMode() {
        return nistMinimumLength > 0;
    }

    public boolean bannedListEnabled() {
        return bannedPasswords.isPresent();
    }

    public boolean breachedListEnabled() {
        return breachedPasswords.isPresent();
    }

    /** For the log: the mode and which lists are on. */
    public String describe() {
        String lists = "banned list " + (bannedListEnabled() ? "on" : "off") + ", breached list "
                + (breachedListEnabled() ? "on" : "off");
        return nistMode() ? "NIST SP 800-63B (at least " + nistMinimumLength + " characters, " + lists + ")"
                : "AD (" + lists + ")";
    }

    private static List<String> nameTokens(UserNames names) {
        return Stream.concat(Stream.ofNullable(names.accountName()),
                PolicyChecker.displayNameTokens(names.displayName()).stream()).toList();
    }
}
