package io.sspr.validator.policy.lists;

/**
 * Entra Password Protection's first step: lower case, then the look-alike substitutions people use to dodge a
 * list ({@code 0→o 1→l $→s @→a}, and the similar {@code 3→e 4→a 5→s 7→t}), so that {@code Bl@nK} is {@code blank}.
 */
public final class PasswordNormalizer {

    private PasswordNormalizer() {
    }

    /** A new array the caller wipes; the input is not changed. */
    public static char[] normalize(CharSequence text) {
        char[] normalized = new char[text.length()];
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = normalize(text.charAt(i));
        }
        return normalized;
    }

    public static String normalizeTerm(String term) {
        return new String(normalize(term));
    }

    static char normalize(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'l';
            case '$', '5' -> 's';
            case '@', '4' -> 'a';
            case '3' -> 'e';
            case '7' -> 't';
            // Surrogates stay as they are: lower-casing half a code point would break it.
            default -> Character.isSurrogate(c) ? c : Character.toLowerCase(c);
        };
    }
}
