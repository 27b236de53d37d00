package io.sspr.validator.rest;

import io.sspr.validator.service.PasswordPolicy;
import io.sspr.validator.service.PolicyDescription;
import io.sspr.validator.service.UserNames;
import java.time.Duration;
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
        List<String> rules) {

    static PolicyView of(String username, PasswordPolicy policy, UserNames names) {
        return new PolicyView(username, policy.minLength(), policy.maxLength(), policy.complexityEnabled(),
                policy.dialect().name(), policy.historyLength(), iso(policy.minAge()), iso(policy.maxAge()),
                PolicyDescription.rules(policy, names));
    }

    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
