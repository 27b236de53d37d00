package io.sspr.portal.service;

import io.sspr.portal.persistence.DirectoryUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Passwords the help desk hands to a user once: random from a {@link SecureRandom}, with characters of all four of AD's
 * groups, at least {@link #MIN_LENGTH} long and as long as the longest minimum of every policy the validator published
 * (the domain's and each PSO's, since which applies to a user is the validator's to know), and free of the user's
 * account name and of every part of the display name, as AD's complexity rule asks. Look-alike characters are left out,
 * since a person reads it aloud or types it from a screen.
 */
@ApplicationScoped
public class TemporaryPasswords {
    public static final int MIN_LENGTH = 20;
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!#$%&*+-=?@_";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;
    /** AD's complexity rule ignores name parts shorter than this. */
    private static final int SHORTEST_NAME_TOKEN = 3;

    private final SecureRandom random = new SecureRandom();
    private final PasswordPolicyService policies;

    public TemporaryPasswords(PasswordPolicyService policies) {
        this.policies = policies;
    }

    public String generate(String username, Optional<DirectoryUser> user) {
        int length = Math.min(Math.max(MIN_LENGTH, policies.largestMinLength()), policies.smallestMaxLength());
        List<String> forbidden = nameTokens(username, user);
        while (true) {
            String candidate = candidate(length);
            String lower = candidate.toLowerCase(Locale.ROOT);
            if (forbidden.stream().noneMatch(lower::contains)) {
                return candidate;
            }
        }
    }

    private String candidate(int length) {
        List<Character> chars = new ArrayList<>(length);
        for (String group : List.of(UPPER, LOWER, DIGITS, SYMBOLS)) {
            chars.add(pick(group));
        }
        while (chars.size() < length) {
            chars.add(pick(ALL));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(length);
        chars.forEach(password::append);
        return password.toString();
    }

    private char pick(String group) {
        return group.charAt(random.nextInt(group.length()));
    }

    static List<String> nameTokens(String username, Optional<DirectoryUser> user) {
        List<String> tokens = new ArrayList<>();
        tokens.add(username);
        user.ifPresent(u -> {
            tokens.add(u.accountName);
            if (u.displayName != null) {
                // AD splits the display name at these delimiters
                tokens.addAll(List.of(u.displayName.split("[,.\\-_#\\s\\t]+")));
            }
        });
        return tokens.stream().filter(t -> t != null && t.length() >= SHORTEST_NAME_TOKEN)
                .map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }
}
