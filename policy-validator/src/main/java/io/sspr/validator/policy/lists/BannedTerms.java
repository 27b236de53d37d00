package io.sspr.validator.policy.lists;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

import io.sspr.events.SelfServiceSettings;

/**
 * The banned list, normalised, in the two shapes the checks need: an Aho-Corasick automaton that finds every
 * term inside a password in one pass, and indexes that answer "within one edit of a term?" with a few hash lookups
 * instead of comparing with thousands of terms.
 */
public final class BannedTerms {

    /** Entra's bounds for a term: shorter ones would match inside nearly every password. */
    public static final int MIN_TERM_LENGTH = SelfServiceSettings.MIN_TERM_LENGTH;
    public static final int MAX_TERM_LENGTH = SelfServiceSettings.MAX_TERM_LENGTH;
    /** Stands for "any character" in the substitution index; cannot occur in a normalised password term. */
    private static final char WILDCARD = '\uFFFF';

    private final Set<String> terms;
    private final Set<String> termsMinusOneChar = new HashSet<>();
    private final Set<String> termsWithOneWildcard = new HashSet<>();
    private final Trie automaton;

    public BannedTerms(Collection<String> rawTerms) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String raw : rawTerms) {
            String term = PasswordNormalizer.normalizeTerm(raw.strip());
            if (term.length() >= MIN_TERM_LENGTH && term.length() <= MAX_TERM_LENGTH) {
                normalized.add(term);
            }
        }
        this.terms = Set.copyOf(normalized);
        for (String term : terms) {
            for (int i = 0; i < term.length(); i++) {
                termsMinusOneChar.add(term.substring(0, i) + term.substring(i + 1));
                termsWithOneWildcard.add(term.substring(0, i) + WILDCARD + term.substring(i + 1));
            }
        }
        this.automaton = Trie.builder().ignoreOverlaps().addKeywords(terms).build();
    }

    public int size() {
        return terms.size();
    }

    /** True when the normalised password equals a term or differs from one by one insertion, deletion or substitution. */
    boolean withinOneEdit(CharSequence normalized) {
        int length = normalized.length();
        if (length < MIN_TERM_LENGTH - 1 || length > MAX_TERM_LENGTH + 1) {
            return false;
        }
        String password = normalized.toString();
        if (terms.contains(password) || termsMinusOneChar.contains(password)) {
            return true; // equal, or a term with one more character
        }
        for (int i = 0; i < length; i++) {
            String head = password.substring(0, i);
            String tail = password.substring(i + 1);
            if (terms.contains(head + tail) || termsWithOneWildcard.contains(head + WILDCARD + tail)) {
                return true; // one extra character in the password, or one character different
            }
        }
        return false;
    }

    /** The terms found inside the password, without overlaps (the longer match wins). */
    List<Emit> findIn(CharSequence normalized) {
        return List.copyOf(automaton.parseText(normalized));
    }
}
