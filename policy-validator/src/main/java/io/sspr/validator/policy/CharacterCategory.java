package io.sspr.validator.policy;

import java.util.Optional;

/** The five character groups of AD complexity, and how each dialect sorts a code point into them. */
public enum CharacterCategory {
    UPPER_CASE("capital letters"),
    LOWER_CASE("small letters"),
    DIGIT("digits"),
    SYMBOL("symbols"),
    CASELESS_LETTER("letters without case");

    /** The non-alphanumeric set both Windows and Samba name; every printable ASCII symbol except space. */
    static final String SYMBOLS = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";

    private final String description;

    CharacterCategory(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The category of one code point, or empty when it counts in none (such as a space). */
    public static Optional<CharacterCategory> of(int codePoint, ComplexityDialect dialect) {
        if (codePoint < 0x80) {
            return ascii(codePoint);
        }
        return dialect == ComplexityDialect.SAMBA ? sambaNonAscii(codePoint) : windowsNonAscii(codePoint);
    }

    private static Optional<CharacterCategory> ascii(int c) {
        if (c >= '0' && c <= '9') {
            return Optional.of(DIGIT);
        }
        if (c >= 'A' && c <= 'Z') {
            return Optional.of(UPPER_CASE);
        }
        if (c >= 'a' && c <= 'z') {
            return Optional.of(LOWER_CASE);
        }
        return SYMBOLS.indexOf(c) >= 0 ? Optional.of(SYMBOL) : Optional.empty();
    }

    /**
     * Windows: upper- and lower-case letters of any alphabet, and letters that have no case; other non-ASCII
     * characters (currency symbols such as € and £, emoji, other digits) count in no group.
     */
    private static Optional<CharacterCategory> windowsNonAscii(int c) {
        if (!Character.isLetter(c)) {
            return Optional.empty();
        }
        if (Character.isUpperCase(c)) {
            return Optional.of(UPPER_CASE);
        }
        if (Character.isLowerCase(c)) {
            return Optional.of(LOWER_CASE);
        }
        return Optional.of(CASELESS_LETTER);
    }

    /**
     * Samba (isupper_m/islower_m over its UCS-2 case tables, which came from Windows NT's and are older and
     * narrower than Java's): a character with a lower-case mapping is upper case, one with an upper-case mapping
     * is lower case, and every other non-ASCII character (letters, €, emoji, combining marks) counts as the fifth
     * group. Characters beyond the BMP have no case in Samba. Measured against Samba 4.17 (SambaDifferentialIT):
     * title-case letters (ǅ, ᾈ), İ and ẞ are not upper case, and letters whose upper case does not lead back to
     * them (ı, ſ, µ, ϐ, ϑ, ϕ, ϵ, ẛ) are not lower case; all of these count as the fifth group.
     */
    private static Optional<CharacterCategory> sambaNonAscii(int c) {
        if (Character.isBmpCodePoint(c) && !Character.isTitleCase(c)) {
            if (isSambaUpper(c)) {
                return Optional.of(UPPER_CASE);
            }
            int upper = Character.toUpperCase(c);
            if (upper != c && Character.toLowerCase(upper) == c) {
                return Optional.of(LOWER_CASE);
            }
        }
        return Optional.of(CASELESS_LETTER);
    }

    /** Dotted capital I (Turkish) has no entry in Samba's table; ẞ's lower case ß has no upper case there. */
    private static boolean isSambaUpper(int c) {
        int lower = Character.toLowerCase(c);
        return lower != c && c != LATIN_CAPITAL_I_WITH_DOT && Character.toUpperCase(lower) != lower;
    }

    private static final int LATIN_CAPITAL_I_WITH_DOT = 0x130;
}
