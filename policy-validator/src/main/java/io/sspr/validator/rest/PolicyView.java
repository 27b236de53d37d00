package io.sspr.validator.rest;

import io.sspr.validator.service.PasswordPolicy;
import io.sspr.validator.service.PasswordRules;
import io.sspr.validator.service.PolicyDescription;
import io.sspr.validator.service.UserNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The effective policy of one account in numbers and words; durations in ISO-8601 (maxAge null = never). */
public record PolicyView(
        String username,
        int minLength,
        int maxLength,
        boolean complexityEnabled,
        String dialect,
        int historyLength,
        String minAge,
        String maxAge,
        boolean bannedListEnabled,
        boolean breachedListEnabled,
        List<String> rules) {

    static PolicyView of(String username, PasswordPolicy policy, UserNames names, PasswordRules extraRules) {
        boolean bannedListEnabled = extraRules.bannedListEnabled();
        List<String> rules = new ArrayList<>(PolicyDescription.rules(policy, names));
        if (bannedListEnabled) {
            rules.add("Do not use a common password, your name, or something one letter away from them; "
                    + "look-alikes such as @ for a or 0 for o do not help.");
        }
        if (extraRules.breachedListEnabled()) {
            rules.add("Do not use a password that is known from a data breach.");
        }
        return new PolicyView(username, policy.minLength(), policy.maxLength(), policy.complexityEnabled(),
                policy.dialect().name(), policy.historyLength(), iso(policy.minAge()), iso(policy.maxAge()),
                bannedListEnabled, extraRules.breachedListEnabled(), List.copyOf(rules));
    }

    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
