package io.sspr.validator.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sspr.validator.policy.lists.BannedPasswordCheck;
import io.sspr.validator.policy.lists.BannedTerms;

class RulesInForceTest {

    private static final BannedPasswordCheck BANNED = new BannedPasswordCheck(new BannedTerms(List.of("contoso")));
    private static final PasswordRules AD = new PasswordRules(Optional.of(BANNED), Optional.empty());
    private static final PasswordRules NIST = PasswordRules.nist(BANNED, Optional.empty(), false);

    @Test
    void theConfiguredModeAppliesUntilSettingsChooseOneAndAgainAfterwards() {
        RulesInForce rules = new RulesInForce(AD, NIST, false);
        assertSame(AD, rules.current());

        assertTrue(rules.useNist(true), "switched");
        assertSame(NIST, rules.current());
        assertFalse(rules.useNist(true), "already in force");

        assertTrue(rules.useConfigured());
        assertSame(AD, rules.current());
        assertFalse(rules.useNist(false));
    }

    @Test
    void nistConfiguredStartsInNistMode() {
        RulesInForce rules = new RulesInForce(AD, NIST, true);
        assertSame(NIST, rules.current());
        assertTrue(rules.useNist(false));
        assertSame(AD, rules.current());
        assertTrue(rules.useConfigured());
        assertSame(NIST, rules.current());
    }

    @Test
    void describesTheModeAndTheListsForTheLog() {
        assertTrue(AD.describe().startsWith("AD (banned list on"), AD.describe());
        assertTrue(NIST.describe().startsWith("NIST SP 800-63B (at least 15 characters"), NIST.describe());
    }
}
