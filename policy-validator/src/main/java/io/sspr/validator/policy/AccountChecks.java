package io.sspr.validator.policy;

import io.sspr.events.Operation;
import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks on the account rather than the password, pure: protected and out-of-scope accounts are refused before
 * anything reaches the worker, and a self-service change must respect the minimum password age.
 */
public final class AccountChecks {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the checks need to know about an account. */
    public record AccountFacts(boolean protectedAccount, boolean inScope, Instant passwordLastSet) {
    }

    private AccountChecks() {
    }

    /** Refusals that no password can fix: protected first, then scope. */
    public static List<Violation> accountViolations(AccountFacts account) {
        List<Violation> violations = new ArrayList<>();
        if (account.protectedAccount()) {
            violations.add(Violation.of(ResultCode.ACCOUNT_PROTECTED));
        }
        if (!account.inScope()) {
            violations.add(Violation.of(ResultCode.ACCOUNT_OUT_OF_SCOPE));
        }
        return List.copyOf(violations);
    }

    /**
     * AD enforces minPwdAge on changes by the user only (a reset by an administrator ignores it), so only
     * {@link Operation#CHANGE} is checked. A password that must be changed at next logon (pwdLastSet 0) is never
     * too young.
     */
    public static Optional<Violation> minimumAge(Operation operation, Duration minAge, Instant passwordLastSet,
            Instant now) {
        if (operation != Operation.CHANGE || minAge == null || minAge.isZero() || passwordLastSet == null) {
            return Optional.empty();
        }
        Instant allowedFrom = passwordLastSet.plus(minAge);
        if (!now.isBefore(allowedFrom)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(ResultCode.PASSWORD_TOO_YOUNG,
                "Your password was changed less than " + human(minAge) + " ago. You can change it again from "
                        + WHEN.format(allowedFrom) + " (" + allowedFrom + ")."));
    }

    static String human(Duration duration) {
        long days = duration.toDays();
        if (days >= 1 && duration.equals(Duration.ofDays(days))) {
            return days == 1 ? "1 day" : days + " days";
        }
        long hours = duration.toHours();
        if (hours >= 1 && duration.equals(Duration.ofHours(hours))) {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        long minutes = Math.max(1, duration.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
