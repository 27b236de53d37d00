package io.sspr.validator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.sspr.events.Violation;
import io.sspr.validator.rules.BannedPasswordCheck;
import io.sspr.validator.rules.BreachedPasswords;

/**
 * Every rule a new password must pass, in one call and one stable order: the directory's own rules first (so the
 * headline code is the one the directory would give), then the banned and breached lists, which ask for more than
 * AD does.
 */
public final class PasswordRules {

    private final PolicyChecker directoryRules = new PolicyChecker();
    private final Optional<BannedPasswordCheck> bannedPasswords;
    private final Optional<BreachedPasswords> breachedPasswords;

    public PasswordRules(Optional<BannedPasswordCheck> bannedPasswords, Optional<BreachedPasswords> breachedPasswords) {
        this.bannedPasswords = bannedPasswords;
        this.breachedPasswords = breachedPasswords;
    }

    public List<Violation> check(CharSequence password, PasswordPolicy policy, UserNames names) {
        List<Violation> violations = new ArrayList<>(directoryRules.check(password, policy, names));
        bannedPasswords.flatMap(check -> check.check(password, nameTokens(names))).ifPresent(violations::add);
        breachedPasswords.flatMap(breached -> breached.check(password)).ifPresent(violations::add);
        return List.copyOf(violations);
    }

    public boolean bannedListEnabled() {
        return bannedPasswords.isPresent();
    }

    public boolean breachedListEnabled() {
        return breachedPasswords.isPresent();
    }

    private static List<String> nameTokens(UserNames names) {
        return Stream.concat(Stream.ofNullable(names.accountName()),
                PolicyChecker.displayNameTokens(names.displayName()).stream()).toList();
    }
}
