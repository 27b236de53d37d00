package io.sspr.validator.policy;

import static io.sspr.events.ResultCode.PASSWORD_CONTAINS_ACCOUNT_NAME;
import static io.sspr.events.ResultCode.PASSWORD_CONTAINS_DISPLAY_NAME;
import static io.sspr.events.ResultCode.PASSWORD_NOT_COMPLEX;
import static io.sspr.events.ResultCode.PASSWORD_TOO_LONG;
import static io.sspr.events.ResultCode.PASSWORD_TOO_SHORT;
import static io.sspr.validator.policy.ComplexityDialect.SAMBA;
import static io.sspr.validator.policy.ComplexityDialect.WINDOWS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyCheckerTest {
    private static final UserNames ALICE = new UserNames("alice", "Alice Anders");
    private final PolicyChecker checker = new PolicyChecker();

    private static PasswordPolicy policy(int minLength, ComplexityDialect dialect) {
        return PasswordPolicy.domain(minLength, true, dialect, 24, Duration.ofDays(1), Duration.ofDays(42));
    }

    private List<ResultCode> codes(String password, PasswordPolicy policy, UserNames names) {
        return checker.check(password, policy, names).stream().map(Violation::code).toList();
    }

    /** Complexity alone: length 0 so only the categories count, as in Samba's own test vectors. */
    private List<ResultCode> complexity(String password, ComplexityDialect dialect) {
        return codes(password, policy(0, dialect), UserNames.NONE);
    }

    @Nested
    class Length {
        @ParameterizedTest
        @EnumSource(ComplexityDialect.class)
        void tooShortSaysHowManyCharactersAreNeededAndUsed(ComplexityDialect dialect) {
            List<Violation> violations = checker.check("Ab1!x", policy(7, dialect), UserNames.NONE);
            assertEquals(List.of(new Violation(PASSWORD_TOO_SHORT, "Use at least 7 characters (you used 5).")),
                    violations);
        }

        @ParameterizedTest
        @EnumSource(ComplexityDialect.class)
        void countsUtf16CodeUnitsNotCodePoints(ComplexityDialect dialect) {
            // 5 code points, 7 UTF-16 units: long enough for 7 (REFERENCE.md, measured on Samba)
            assertEquals(List.of(), codes("Ab1🚀🚀", policy(7, SAMBA), UserNames.NONE));
            // 5 code points, 6 units: too short
            assertEquals(List.of(PASSWORD_TOO_SHORT), codes("Ab1🚀é", policy(7, dialect), UserNames.NONE));
        }

        @Test
        void atMost256CodeUnits() {
            String base = "Aa1!";
            assertEquals(List.of(), codes(base + "x".repeat(252), policy(7, WINDOWS), UserNames.NONE));
            List<Violation> violations = checker.check(base + "x".repeat(253), policy(7, WINDOWS), UserNames.NONE);
            assertEquals(List.of(new Violation(PASSWORD_TOO_LONG, "Use at most 256 characters (you used 257).")),
                    violations);
        }

        @Test
        void nonBmpCharactersCountTwiceTowardsTheMaximum() {
            // 126 emoji = 252 units + 4 = 256: fine; one more emoji = 258: too long
            assertEquals(List.of(), codes("Aa1!" + "🚀".repeat(126), policy(7, SAMBA), UserNames.NONE));
            assertEquals(List.of(PASSWORD_TOO_LONG), codes("Aa1!" + "🚀".repeat(127), policy(7, SAMBA),
                    UserNames.NONE));
        }

        @Test
        void withoutComplexityOnlyLengthCounts() {
            PasswordPolicy simple = PasswordPolicy.domain(7, false, WINDOWS, 0, Duration.ZERO, null);
            assertEquals(List.of(), codes("alicealice", simple, ALICE));
            assertEquals(List.of(PASSWORD_TOO_SHORT), codes("alice", simple, ALICE));
        }

        @Test
        void minimumAboveTheMaximumIsCappedAt256() {
            assertEquals(256, PasswordPolicy.domain(300, true, WINDOWS, 0, null, null).minLength());
        }
    }

    @Nested
    class Categories {
        @ParameterizedTest
        @EnumSource(ComplexityDialect.class)
        void sambaTestVectorsRejected(ComplexityDialect dialect) {
            for (String password : List.of("", "BLA", "123", "abcdééàçè+")) {
                assertEquals(List.of(PASSWORD_NOT_COMPLEX), complexity(password, dialect), password);
            }
        }

        @ParameterizedTest
        @EnumSource(ComplexityDialect.class)
        void sambaTestVectorsAccepted(ComplexityDialect dialect) {
            for (String password : List.of("A2e", "ç+ढ", "BA2eLi443")) {
                assertEquals(List.of(), complexity(password, dialect), password);
            }
        }

        @ParameterizedTest
        @EnumSource(ComplexityDialect.class)
        void spaceCountsInNoCategory(ComplexityDialect dialect) {
            assertEquals(List.of(PASSWORD_NOT_COMPLEX), complexity("abc def1", dialect));
        }

        @ParameterizedTest
        @ValueSource(strings = {"~", "!", "@", "#", "$", "%", "^", "&", "*", "_", "-", "+", "=", "`", "|", "\\", "(",
                ")", "{", "}", "[", "]", ":", ";", "\"", "'", "<", ">", ",", ".", "?", "/"})
        void everyDocumentedSymbolCounts(String symbol) {
            assertEquals(List.of(), complexity("abc1" + symbol, WINDOWS));
            assertEquals(List.of(), complexity("abc1" + symbol, SAMBA));
        }

        @Test
        void currencySymbolsAndEmojiCountOnlyForSamba() {
            assertEquals(List.of(), complexity("abcdef€1", SAMBA));
            assertEquals(List.of(PASSWORD_NOT_COMPLEX), complexity("abcdef€1", WINDOWS));
            assertEquals(List.of(), complexity("+CAQ🚀J", SAMBA));
            assertEquals(List.of(PASSWORD_NOT_COMPLEX), complexity("+CAQ🚀J", WINDOWS));
            assertEquals(List.of(PASSWORD_NOT_COMPLEX), complexity("abcdef£1", WINDOWS));
        }

        @Test
        void uppercaseAndLowercaseOfOtherAlphabets() {
            assertEquals(List.of(), complexity("ΑΒΓαβγ1", WINDOWS)); // Greek upper + lower + digit
            assertEquals(List.of(), complexity("ΑΒΓαβγ1", SAMBA));
            assertEquals(List.of(), complexity("ÉÀéà1", WINDOWS));
        }

        @Test
        void caselessLettersAreTheFifthCategory() {
            assertEquals(List.of(), complexity("中文abc1", WINDOWS));
            assertEquals(List.of(), complexity("नमस्ते1!", WINDOWS)); // caseless letters, digit, symbol
            assertEquals(List.of(), complexity("नमस्ते1!", SAMBA));
        }

        @Test
        void nonBmpCaseExistsForWindowsButNotForSamba() {
            // Deseret capital and small letters (beyond the BMP) and a digit
            String deseret = "𐐀𐐨1";
            assertEquals(List.of(), complexity(deseret, WINDOWS));
            assertEquals(List.of(PASSWORD_NOT_COMPLEX), complexity(deseret, SAMBA));
        }

        @Test
        void nonAsciiDigitsAreNotDigits() {
            assertEquals(List.of(PASSWORD_NOT_COMPLEX), complexity("abcABC١٢٣".replace("ABC", ""), WINDOWS));
        }

        @Test
        void notComplexMessageNamesTheGroupsAndTheCount() {
            Violation violation = checker.check("abcdefgh", policy(7, WINDOWS), UserNames.NONE).get(0);
            assertEquals(PASSWORD_NOT_COMPLEX, violation.code());
            assertEquals("Use characters from at least 3 of these groups: capital letters (A–Z), small letters (a–z), "
                    + "digits (0–9), symbols (such as ! # $ % & * + - = ? @ _), letters without case (such as ढ or 中) "
                    + "(you used 1).", violation.message());
        }
    }

    @Nested
    class Names {
        @ParameterizedTest
        @EnumSource(ComplexityDialect.class)
        void accountNameCaseInsensitive(ComplexityDialect dialect) {
            // "Alice" is also a displayName token; keep this test to the account-name rule
            List<Violation> violations = checker.check("xALICE-2024", policy(7, dialect),
                    new UserNames("alice", "Anders"));
            assertEquals(List.of(new Violation(PASSWORD_CONTAINS_ACCOUNT_NAME,
                    "Do not use your user name (alice) in your password.")), violations);
        }

        @Test
        void accountNameShorterThanThreeIsNotChecked() {
            assertEquals(List.of(), codes("Bob-2024!", policy(7, WINDOWS), new UserNames("bo", null)));
            assertEquals(List.of(PASSWORD_CONTAINS_ACCOUNT_NAME),
                    codes("Bob-2024!", policy(7, WINDOWS), new UserNames("bob", null)));
        }

        @ParameterizedTest
        @EnumSource(ComplexityDialect.class)
        void displayNameTokenFails(ComplexityDialect dialect) {
            List<Violation> violations = checker.check("anders2024!", policy(7, dialect), ALICE);
            assertEquals(List.of(new Violation(PASSWORD_CONTAINS_DISPLAY_NAME,
                    "Do not use your name or parts of it (Alice, Anders) in your password.")), violations);
        }

        @Test
        void displayNameTokensShorterThanThreeAreIgnored() {
            UserNames joAn = new UserNames("jan", "Jo An");
            assertEquals(List.of(), codes("Joan-2024", policy(7, WINDOWS), joAn));
            assertEquals(List.of(), codes("An-Jo-2024", policy(7, WINDOWS), new UserNames(null, "An")));
        }

        @Test
        void displayNameIsSplitAtEveryDocumentedDelimiter() {
            assertEquals(List.of("Smith", "Jones", "Mary", "Ann", "Neil", "Lee"),
                    PolicyChecker.displayNameTokens("Smith-Jones, Mary.Ann_O#Neil\tLee"));
            assertEquals(List.of(PASSWORD_CONTAINS_DISPLAY_NAME),
                    codes("xx-NEIL-99", policy(7, WINDOWS), new UserNames(null, "O#Neil")));
        }

        @Test
        void nonAsciiNamesMatchCaseInsensitively() {
            assertEquals(List.of(PASSWORD_CONTAINS_DISPLAY_NAME),
                    codes("ÉMILE-2024", policy(7, WINDOWS), new UserNames("ezola", "Émile Zola")));
        }

        @Test
        void unknownAccountChecksOnlyTheDomainRules() {
            assertEquals(List.of(), codes("alice-Anders1", policy(7, SAMBA), UserNames.NONE));
        }
    }

    @Test
    void reportsEveryViolationAtOnceInAStableOrder() {
        assertEquals(List.of(PASSWORD_TOO_SHORT, PASSWORD_CONTAINS_ACCOUNT_NAME, PASSWORD_CONTAINS_DISPLAY_NAME,
                PASSWORD_NOT_COMPLEX), codes("alice", policy(7, SAMBA), ALICE));
        assertEquals(List.of(PASSWORD_TOO_LONG, PASSWORD_CONTAINS_DISPLAY_NAME, PASSWORD_NOT_COMPLEX),
                codes("anders".repeat(50), policy(7, WINDOWS), ALICE));
    }

    @Test
    void acceptsAPasswordFromAWipeableCharBuffer() {
        char[] chars = "Winter-Sun-42".toCharArray();
        assertEquals(List.of(), checker.check(CharBuffer.wrap(chars), policy(7, WINDOWS), ALICE));
    }
}
