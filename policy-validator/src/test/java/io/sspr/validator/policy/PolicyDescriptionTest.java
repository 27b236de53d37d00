package io.sspr.validator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDescriptionTest {
    @Test
    void describesTheDomainPolicyInSentences() {
        PasswordPolicy policy = PasswordPolicy.domain(7, true, ComplexityDialect.SAMBA, 24, Duration.ofDays(1),
                Duration.ofDays(42));
        List<String> rules = PolicyDescription.rules(policy, new UserNames("alice", "Alice Anders"));
        assertEquals(List.of(
                "Use at least 7 and at most 256 characters.",
                "Do not use your user name (alice).",
                "Do not use your name or parts of it (Alice, Anders).",
                "Use characters from at least 3 of these groups: capital letters (A–Z), small letters (a–z), "
                        + "digits (0–9), symbols (such as ! # $ % & * + - = ? @ _), "
                        + "other characters without case (such as ढ, 中, € or emoji).",
                "A space is allowed but counts in no group.",
                "Do not reuse any of your last 24 passwords.",
                "After a change, wait 1 day before you change it again.",
                "Your password expires 42 days after you set it."), rules);
    }

    @Test
    void withoutComplexityHistoryOrAgesOnlyLengthRemains() {
        PasswordPolicy policy = PasswordPolicy.domain(12, false, ComplexityDialect.WINDOWS, 0, Duration.ZERO, null);
        assertEquals(List.of("Use at least 12 and at most 256 characters."),
                PolicyDescription.rules(policy, UserNames.NONE));
    }
}
