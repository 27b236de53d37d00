package io.sspr.validator.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A policy in sentences a person reads before choosing a password. */
public final class PolicyDescription {
    private PolicyDescription() {
    }

    public static List<String> rules(PasswordPolicy policy, UserNames names) {
        List<String> rules = new ArrayList<>();
        rules.add("Use at least " + policy.minLength() + " and at most " + policy.maxLength() + " characters.");
        if (policy.complexityEnabled()) {
            if (names.accountName() != null && names.accountName().length() >= PolicyChecker.MIN_NAME_LENGTH) {
                rules.add("Do not use your user name (" + names.accountName() + ").");
            }
            List<String> tokens = PolicyChecker.displayNameTokens(names.displayName());
            if (!tokens.isEmpty()) {
                rules.add("Do not use your name or parts of it (" + String.join(", ", tokens) + ").");
            }
            rules.add("Use characters from at least " + PolicyChecker.REQUIRED_CATEGORIES + " of these groups: "
                    + PolicyChecker.describeCategories(policy.dialect()) + ".");
            rules.add("A space is allowed but counts in no group.");
        }
        if (policy.historyLength() > 0) {
            rules.add("Do not reuse any of your last " + policy.historyLength() + " passwords.");
        }
        if (policy.minAge() != null && !policy.minAge().isZero()) {
            rules.add("After a change, wait " + words(policy.minAge()) + " before you change it again.");
        }
        if (policy.maxAge() != null) {
            rules.add("Your password expires " + words(policy.maxAge()) + " after you set it.");
        }
        return List.copyOf(rules);
    }

    static String words(Duration duration) {
        if (duration.toDays() > 0 && duration.toHoursPart() == 0 && duration.toMinutesPart() == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() > 0 && duration.toMinutesPart() == 0) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(1, duration.toMinutes()), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
