package io.sspr.validator.policy.lists;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.ahocorasick.trie.Emit;

import io.sspr.events.ResultCode;
import io.sspr.events.Violation;

/**
 * Entra Password Protection's evaluation: normalise; refuse a password that is a banned term give or take one
 * edit, or that contains one of the user's names; otherwise score it (each banned term found is 1 point, each
 * other character 1 point) and accept from {@link #REQUIRED_SCORE} points. The message never quotes the term,
 * so nothing of the password reaches a result, a topic or a log.
 */
public final class BannedPasswordCheck {

    public static final int REQUIRED_SCORE = 5;
    /** Names shorter than this are too common inside other words to refuse. */
    static final int MIN_NAME_LENGTH = 4;

    /** Swapped whole when the admin changes the custom list; a check sees the old list or the new one, never half. */
    private volatile BannedTerms terms;

    public BannedPasswordCheck(BannedTerms terms) {
        this.terms = terms;
    }

    public void replaceTerms(BannedTerms newTerms) {
        this.terms = newTerms;
    }

    public Optional<Violation> check(CharSequence password, List<String> userNames) {
        char[] normalized = PasswordNormalizer.normalize(password);
        try {
            CharBuffer text = CharBuffer.wrap(normalized);
            BannedTerms terms = this.terms;
            if (terms.withinOneEdit(text)) {
                return Optional.of(violation("It is a commonly used password or too close to one."));
            }
            if (containsAName(text, userNames)) {
                return Optional.of(violation("It contains your name."));
            }
            int score = score(terms, text);
            if (score < REQUIRED_SCORE) {
                return Optional.of(violation("It is built from commonly used passwords with too little else "
                        + "(score " + score + " of the " + REQUIRED_SCORE + " needed)."));
            }
            return Optional.empty();
        } finally {
            Arrays.fill(normalized, '\0');
        }
    }

    /** Each banned term found is one point, each character outside them one more. */
    int score(CharSequence normalized) {
        return score(terms, normalized);
    }

    private static int score(BannedTerms terms, CharSequence normalized) {
        List<Emit> found = terms.findIn(normalized);
        int covered = found.stream().mapToInt(emit -> emit.getEnd() - emit.getStart() + 1).sum();
        return found.size() + normalized.length() - covered;
    }

    private static boolean containsAName(CharSequence normalized, List<String> userNames) {
        String text = normalized.toString();
        return userNames.stream()
                .filter(name -> name != null && name.length() >= MIN_NAME_LENGTH)
                .map(PasswordNormalizer::normalizeTerm)
                .anyMatch(text::contains);
    }

    private static Violation violation(String why) {
        return new Violation(ResultCode.PASSWORD_BANNED,
                "Your new password is too easy to guess. " + why + " Choose a longer one, such as a few unrelated words.");
    }
}
