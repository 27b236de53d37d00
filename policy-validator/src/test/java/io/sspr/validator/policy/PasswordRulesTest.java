package io.sspr.validator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import io.sspr.validator.policy.lists.BannedPasswordCheck;
import io.sspr.validator.policy.lists.BannedTerms;

class PasswordRulesTest {

    private static final BannedPasswordCheck BANNED = new BannedPasswordCheck(new BannedTerms(List.of("password", "contoso")));
    private static final PasswordPolicy NO_COMPOSITION = new PasswordPolicy(7, 256, false, ComplexityDialect.SAMBA, 0,
            Duration.ZERO, null);
    private static final UserNames ALICE = new UserNames("alice", "Alice Anders");

    @Test
    void nistModeAsksForFifteenCharactersAndNoCompositionOfItsOwn() {
        PasswordRules nist = PasswordRules.nist(BANNED, Optional.empty(), false);

        assertEquals(List.of(ResultCode.PASSWORD_TOO_SHORT), codes(nist.check("lowercase only", NO_COMPOSITION, ALICE)));
        assertTrue(nist.check("lowercase words only", NO_COMPOSITION, ALICE).isEmpty(), "no composition rule");
        assertEquals(15, nist.effective(NO_COMPOSITION).minLength());
        assertTrue(nist.nistMode());
    }

    @Test
    void nistModeWithMultiFactorAsksForEightAndKeepsTheBlocklist() {
        PasswordRules nist = PasswordRules.nist(BANNED, Optional.empty(), true);

        assertTrue(nist.check("tulipharbor", NO_COMPOSITION, ALICE).isEmpty());
        assertEquals(List.of(ResultCode.PASSWORD_BANNED), codes(nist.check("Passw0rd", NO_COMPOSITION, ALICE)));
    }

    @Test
    void aStricterDirectoryMinimumStillWins() {
        PasswordPolicy twenty = NO_COMPOSITION.withMinLengthAtLeast(20);
        assertEquals(20, PasswordRules.nist(BANNED, Optional.empty(), false).effective(twenty).minLength());
    }

    @Test
    void adModeIsTheDirectoryPolicyUnchanged() {
        PasswordRules ad = new PasswordRules(Optional.of(BANNED), Optional.empty());
        assertEquals(NO_COMPOSITION, ad.effective(NO_COMPOSITION));
        assertFalse(ad.nistMode());
    }

    private static List<ResultCode> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }
}
