package io.sspr.validator.policy.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sspr.events.ResultCode;

class BannedPasswordCheckTest {

    /** REFERENCE.md's worked example: "contoso" and "blank" banned. */
    private final BannedPasswordCheck contosoBlank = new BannedPasswordCheck(new BannedTerms(List.of("contoso", "blank")));

    @Nested
    class TheExamplesOfEntra {

        @Test
        void lookAlikesNormaliseToTheTerm() {
            assertEquals("blank", new String(PasswordNormalizer.normalize("Bl@nK")));
        }

        @Test
        void twoTermsAndTwoCharactersScoreFourAndAreRejected() {
            assertEquals(4, contosoBlank.score(normalized("C0ntos0Blank12")));
            assertEquals(ResultCode.PASSWORD_BANNED, contosoBlank.check("C0ntos0Blank12", List.of()).orElseThrow().code());
        }

        @Test
        void twoTermsAndThreeCharactersScoreFiveAndAreAccepted() {
            assertEquals(5, contosoBlank.score(normalized("ContoS0Bl@nkf9!")));
            assertTrue(contosoBlank.check("ContoS0Bl@nkf9!", List.of()).isEmpty());
        }
    }

    @Nested
    class OneEditAway {

        @ParameterizedTest
        @ValueSource(strings = {"contoso", "C0NT0S0", "contosos", "contso", "contaso", "xcontoso", "Bl@nk"})
        void aTermGiveOrTakeOneEditIsRejected(String password) {
            assertTrue(contosoBlank.check(password, List.of()).isPresent(), password);
        }

        @ParameterizedTest
        @ValueSource(strings = {"contosxyz", "cntso", "Horse-Battery-Staple-9"})
        void twoEditsAwayIsJudgedByTheScore(String password) {
            BannedTerms terms = new BannedTerms(List.of("contoso"));
            assertFalse(terms.withinOneEdit(normalized(password)), password);
        }
    }

    @Test
    void theUsersOwnNamesAreRefused() {
        assertTrue(contosoBlank.check("Zebra-Anders-2024!", List.of("alice", "Anders")).isPresent());
        assertTrue(contosoBlank.check("Zebra-@lice-2024!", List.of("alice")).isPresent(), "normalised too");
        assertTrue(contosoBlank.check("Zebra-Bob-2024!", List.of("bob")).isEmpty(), "names under 4 characters are not");
    }

    @Test
    void theMessageNeverQuotesThePasswordOrTheTerm() {
        String message = contosoBlank.check("C0ntos0Blank12", List.of()).orElseThrow().message();
        assertFalse(message.toLowerCase().contains("contoso"));
        assertFalse(message.toLowerCase().contains("blank"));
    }

    @Test
    void theGlobalListHasThousandsOfCommonPasswordsAndRefusesThem() {
        List<String> global = GlobalBannedList.mostCommon(10_000);
        assertEquals(10_000, global.size());
        BannedPasswordCheck check = new BannedPasswordCheck(new BannedTerms(global));
        for (String common : List.of("Password1", "P@ssw0rd!", "qwerty123", "Welcome1", "iloveyou!", "Dragon2")) {
            assertTrue(check.check(common, List.of()).isPresent(), common);
        }
        for (String strong : List.of("Tulip-Harbor-Quartz-81", "vN4#qT9!xR2&", "Correct horse battery staple")) {
            assertTrue(check.check(strong, List.of()).isEmpty(), strong);
        }
    }

    private static CharSequence normalized(String password) {
        return new String(PasswordNormalizer.normalize(password));
    }
}
