package io.sspr.portal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sspr.events.ResultCode;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChangeRequestValidatorTest {
    private static final String GOOD = "Correct-Horse-7";

    @Test
    void aCompleteRequestPasses() {
        assertEquals(Optional.empty(), ChangeRequestValidator.check("jdoe", GOOD, "Battery-Staple-9"));
        assertEquals(Optional.empty(), ChangeRequestValidator.check("jdoe@example.test", GOOD, "Battery-Staple-9"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void aMissingOrBlankFieldIsAnInvalidRequest(String missing) {
        assertEquals(Optional.of(ResultCode.INVALID_REQUEST), ChangeRequestValidator.check(missing, GOOD, GOOD));
        assertEquals(Optional.of(ResultCode.INVALID_REQUEST), ChangeRequestValidator.check("jdoe", missing, GOOD));
        assertEquals(Optional.of(ResultCode.INVALID_REQUEST), ChangeRequestValidator.check("jdoe", GOOD, missing));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*", "x)(y", "a\\b", "(cn=admin)", "bob\u0000", "a b", "averyveryverylongname21",
            "a,b", "cn=x"})
    void aNameWithLdapOrDnSyntaxOrTooLongIsRefused(String username) {
        assertEquals(Optional.of(ResultCode.USERNAME_INVALID), ChangeRequestValidator.check(username, GOOD, GOOD));
    }

    @Test
    void passwordsAreLimitedTo256Utf16Units() {
        String max = "a".repeat(ChangeRequestValidator.MAX_PASSWORD_LENGTH);
        assertEquals(Optional.empty(), ChangeRequestValidator.check("jdoe", max, max));
        assertEquals(Optional.of(ResultCode.PASSWORD_TOO_LONG), ChangeRequestValidator.check("jdoe", GOOD, max + "b"));
        assertEquals(Optional.of(ResultCode.PASSWORD_TOO_LONG), ChangeRequestValidator.check("jdoe", max + "b", GOOD));
        // 128 emoji are 256 UTF-16 units: allowed; one more unit is not.
        String emoji = "\uD83D\uDE80".repeat(128);
        assertEquals(Optional.empty(), ChangeRequestValidator.check("jdoe", GOOD, emoji));
        assertEquals(Optional.of(ResultCode.PASSWORD_TOO_LONG), ChangeRequestValidator.check("jdoe", GOOD, emoji + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\uD800", "\uDC00abc", "ab\uD800cd", "\uDE80\uD83D"})
    void aLoneSurrogateIsRefused(String broken) {
        assertEquals(Optional.of(ResultCode.PASSWORD_INVALID_CHARACTERS),
                ChangeRequestValidator.check("jdoe", GOOD, broken));
        assertEquals(Optional.of(ResultCode.PASSWORD_INVALID_CHARACTERS),
                ChangeRequestValidator.check("jdoe", broken, GOOD));
    }

    @Test
    void theUserNameIsCheckedBeforeThePasswords() {
        assertEquals(Optional.of(ResultCode.USERNAME_INVALID),
                ChangeRequestValidator.check("a*", "x".repeat(300), "\uD800"));
    }
}
