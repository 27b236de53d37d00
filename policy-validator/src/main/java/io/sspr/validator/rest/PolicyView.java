package io.sspr.validator.rest;

import io.sspr.validator.directory.DirectoryUser;
import io.sspr.validator.policy.EffectivePolicy;
import io.sspr.validator.policy.PasswordPolicy;
import io.sspr.validator.policy.PasswordRules;
import io.sspr.validator.policy.PolicyDescription;
import io.sspr.validator.policy.UserNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The effective policy of one account in numbers and words, with where it comes from (source DOMAIN or PSO, the
 * PSO's DN and precedence) and the dialect in force; durations in ISO-8601 (maxAge null = never). The domain's default
 * policy has no account: username, protectedAccount and inScope are null.
 */
public record PolicyView(
        String username,
        String source,
        String psoDn,
        Integer precedence,
        Boolean protectedAccount,
        Boolean inScope,
        String mode,
        int minLength,
        int maxLength,
        boolean complexityEnabled,
        String dialect,
        int historyLength,
        String minAge,
        String maxAge,
        boolean bannedListEnabled,
        int customBannedTerms,
        boolean breachedListEnabled,
        List<String> rules) {

    static PolicyView of(String username, EffectivePolicy effective, DirectoryUser user, boolean inScope,
            PasswordRules extraRules, int customBannedTerms) {
        return of(username, effective, user.names(), user.protectedAccount(), inScope, extraRules, customBannedTerms);
    }

    static PolicyView ofDomain(EffectivePolicy domain, PasswordRules extraRules, int customBannedTerms) {
        return of(null, domain, UserNames.NONE, null, null, extraRules, customBannedTerms);
    }

    private static PolicyView of(String username, EffectivePolicy effective, UserNames names,
            Boolean protectedAccount, Boolean inScope, PasswordRules extraRules, int customBannedTerms) {
        PasswordPolicy policy = extraRules.effective(effective.policy());
        boolean bannedListEnabled = extraRules.bannedListEnabled();
        List<String> rules = new ArrayList<>(PolicyDescription.rules(policy, names));
        if (bannedListEnabled) {
            rules.add("Do not use a common password, your name, or something one letter away from them; "
                    + "look-alikes such as @ for a or 0 for o do not help.");
        }
        if (extraRules.breachedListEnabled()) {
            rules.add("Do not use a password that is known from a data breach.");
        }
        return new PolicyView(username, effective.source().name(), effective.psoDn(), effective.precedence(),
                protectedAccount, inScope, extraRules.nistMode() ? "NIST" : "AD", policy.minLength(), policy.maxLength(), policy.complexityEnabled(),
                policy.dialect().name(), policy.historyLength(), iso(policy.minAge()), iso(policy.maxAge()),
                bannedListEnabled, customBannedTerms, extraRules.breachedListEnabled(), List.copyOf(rules));
    }

    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
