package io.sspr.validator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The names a typed user name stands for when the directory cannot show the account's own. */
class UserNamesTest {

    @Test
    void aTypedNameIsTheAccountNameAndAUpnItsPartBeforeTheAt() {
        assertEquals(new UserNames("jdoe", null), UserNames.typed("jdoe"));
        assertEquals(new UserNames("jdoe", null), UserNames.typed("jdoe@example.test"));
        assertEquals(UserNames.NONE, UserNames.typed(" "));
        assertEquals(UserNames.NONE, UserNames.typed(null));
    }

    @Test
    void theTypedNameIsHeldToTheAccountNameRule() {
        PasswordPolicy policy = PasswordPolicy.domain(7, true, ComplexityDialect.WINDOWS, 0, null, null);
        assertEquals(java.util.List.of(io.sspr.events.ResultCode.PASSWORD_CONTAINS_ACCOUNT_NAME),
                new PolicyChecker().check("Jdoe-Winter-42", policy, UserNames.typed("JDOE@example.test")).stream()
                        .map(v -> v.code()).toList());
    }
}
