package io.sspr.validator.policy;

import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * AD's password rules (MS-SAMR 3.1.1.7.2) as plain code: every failed rule at once, always in the same order
 * (length, account name, display name, categories). The password is read as a CharSequence so callers can pass
 * a wrapper around a char array they wipe afterwards; it never becomes a String here.
 */
public final class PolicyChecker {
    /** Names shorter than this are not checked: they would refuse too many passwords. */
    static final int MIN_NAME_LENGTH = 3;
    static final int REQUIRED_CATEGORIES = 3;
    /** The displayName delimiters of MS-SAMR: , . - _ # space and tab. */
    private static final Pattern DISPLAY_NAME_DELIMITERS = Pattern.compile("[,.\\-_# \\t]+");

    public List<Violation> check(CharSequence password, PasswordPolicy policy, UserNames names) {
        List<Violation> violations = new ArrayList<>();
        int length = password.length(); // UTF-16 code units, as the directory counts
        if (length < policy.minLength()) {
            violations.add(new Violation(ResultCode.PASSWORD_TOO_SHORT,
                    "Use at least " + policy.minLength() + " characters (you used " + length + ")."));
        }
        if (length > policy.maxLength()) {
            violations.add(new Violation(ResultCode.PASSWORD_TOO_LONG,
                    "Use at most " + policy.maxLength() + " characters (you used " + length + ")."));
        }
        if (!policy.complexityEnabled()) {
            return List.copyOf(violations);
        }
        String accountName = names.accountName();
        if (accountName != null && accountName.length() >= MIN_NAME_LENGTH && containsIgnoreCase(password, accountName)) {
            violations.add(new Violation(ResultCode.PASSWORD_CONTAINS_ACCOUNT_NAME,
                    "Do not use your user name (" + accountName + ") in your password."));
        }
        List<String> tokens = displayNameTokens(names.displayName());
        if (tokens.stream().anyMatch(token -> containsIgnoreCase(password, token))) {
            // Lists every token, not the one that matched, so the message reveals nothing of the password.
            violations.add(new Violation(ResultCode.PASSWORD_CONTAINS_DISPLAY_NAME,
                    "Do not use your name or parts of it (" + String.join(", ", tokens) + ") in your password."));
        }
        Set<CharacterCategory> used = categories(password, policy.dialect());
        if (used.size() < REQUIRED_CATEGORIES) {
            violations.add(new Violation(ResultCode.PASSWORD_NOT_COMPLEX,
                    "Use characters from at least " + REQUIRED_CATEGORIES + " of these groups: "
                            + describeCategories(policy.dialect()) + " (you used " + used.size() + ")."));
        }
        return List.copyOf(violations);
    }

    /** The displayName tokens of 3 or more characters, in order, without duplicates. */
    public static List<String> displayNameTokens(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return List.of();
        }
        return DISPLAY_NAME_DELIMITERS.splitAsStream(displayName)
                .filter(token -> token.length() >= MIN_NAME_LENGTH)
                .distinct()
                .toList();
    }

    public static Set<CharacterCategory> categories(CharSequence password, ComplexityDialect dialect) {
        Set<CharacterCategory> used = EnumSet.noneOf(CharacterCategory.class);
        password.codePoints().forEach(cp -> CharacterCategory.of(cp, dialect).ifPresent(used::add));
        return used;
    }

    public static String describeCategories(ComplexityDialect dialect) {
        String caseless = dialect == ComplexityDialect.SAMBA
                ? "other characters without case (such as ढ, 中, € or emoji)"
                : "letters without case (such as ढ or 中)";
        return EnumSet.allOf(CharacterCategory.class).stream()
                .map(category -> switch (category) {
                    case UPPER_CASE -> "capital letters (A–Z)";
                    case LOWER_CASE -> "small letters (a–z)";
                    case DIGIT -> "digits (0–9)";
                    case SYMBOL -> "symbols (such as ! # $ % & * + - = ? @ _)";
                    case CASELESS_LETTER -> caseless;
                })
                .collect(Collectors.joining(", "));
    }

    /** Case-insensitive substring test with String.regionMatches' per-character folding, without a String copy. */
    static boolean containsIgnoreCase(CharSequence haystack, String needle) {
        int last = haystack.length() - needle.length();
        for (int start = 0; start <= last; start++) {
            if (regionMatchesIgnoreCase(haystack, start, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatchesIgnoreCase(CharSequence haystack, int start, String needle) {
        for (int i = 0; i < needle.length(); i++) {
            char a = haystack.charAt(start + i);
            char b = needle.charAt(i);
            if (a != b && Character.toUpperCase(a) != Character.toUpperCase(b)
                    && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }
}
