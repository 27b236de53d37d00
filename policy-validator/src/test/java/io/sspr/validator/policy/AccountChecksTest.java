package io.sspr.validator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.Operation;
import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import io.sspr.validator.policy.AccountChecks.AccountFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountChecksTest {
    private static final Instant SET = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void ordinaryAccountPasses() {
        assertEquals(List.of(), AccountChecks.accountViolations(new AccountFacts(false, true, SET)));
    }

    @Test
    void protectedAndOutOfScopeAreBothReported() {
        List<Violation> violations = AccountChecks.accountViolations(new AccountFacts(true, false, SET));
        assertEquals(List.of(ResultCode.ACCOUNT_PROTECTED, ResultCode.ACCOUNT_OUT_OF_SCOPE),
                violations.stream().map(Violation::code).toList());
        assertTrue(violations.get(0).message().contains("help desk"));
    }

    @Test
    void tooYoungSaysWhenAChangeBecomesAllowed() {
        Optional<Violation> violation = AccountChecks.minimumAge(Operation.CHANGE, Duration.ofDays(1), SET,
                SET.plus(Duration.ofHours(3)));
        assertEquals(ResultCode.PASSWORD_TOO_YOUNG, violation.orElseThrow().code());
        String message = violation.get().message();
        assertTrue(message.contains("1 day"), message);
        assertTrue(message.contains("2026-11-25 10:00 UTC"), message);
        assertTrue(message.contains("2026-11-25T10:00:00Z"), message);
    }

    @Test
    void oldEnoughOrNoMinimumOrResetOrMustChangePasses() {
        assertEquals(Optional.empty(), AccountChecks.minimumAge(Operation.CHANGE, Duration.ofDays(1), SET,
                SET.plus(Duration.ofDays(1))));
        assertEquals(Optional.empty(), AccountChecks.minimumAge(Operation.CHANGE, Duration.ZERO, SET, SET));
        assertEquals(Optional.empty(), AccountChecks.minimumAge(Operation.RESET, Duration.ofDays(1), SET, SET));
        assertEquals(Optional.empty(), AccountChecks.minimumAge(Operation.CHANGE, Duration.ofDays(1), null, SET));
    }

    @Test
    void humanDurations() {
        assertEquals("2 days", AccountChecks.human(Duration.ofDays(2)));
        assertEquals("5 hours", AccountChecks.human(Duration.ofHours(5)));
        assertEquals("90 minutes", AccountChecks.human(Duration.ofMinutes(90)));
    }
}
