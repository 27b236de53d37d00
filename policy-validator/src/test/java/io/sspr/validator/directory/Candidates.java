package io.sspr.validator.directory;

import io.sspr.validator.policy.PolicyChecker;
import io.sspr.validator.policy.UserNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Candidate passwords around the minimum length, from every category and the awkward corners of Unicode. */
final class Candidates {
    private static final String[] UPPER = {"A", "Q", "Z", "Ä", "Σ", "Ж", "İ", "Ω", "𐐀" /* Deseret capital */};
    private static final String[] LOWER = {"a", "q", "z", "ä", "ß", "σ", "ж", "ω", "𐐨" /* Deseret small */};
    private static final String[] DIGIT = {"0", "5", "9", "٣" /* Arabic-Indic three */, "５" /* fullwidth */};
    private static final String[] SYMBOL = {"!", "#", "$", "%", "&", "*", "+", "-", "=", "?", "@", "_", "~", "^",
            "(", "[", "{", "|", "\\", "\"", "'", "<", ".", "/", ":", ";", "`", " "};
    private static final String[] OTHER = {"中", "ढ", "€", "£", "😀", "𝒜", "\u0301", "e\u0301", "\u00A0", "ǅ",
            "ª", "ℌ", "Ⅻ", "ⅻ"};
    private static final String[][] GROUPS = {UPPER, LOWER, DIGIT, SYMBOL, OTHER};
    /** ASCII-only groups, so that plain mixes are common too. */
    private static final String[][] ASCII = {{"A", "B", "K", "X"}, {"a", "b", "k", "x"}, {"1", "2", "7"},
            {"!", "#", "%", "-", "_"}};

    /** Case oddities: titlecase letters, and letters whose case partner is ASCII or needs several characters. */
    static final String[] CASE_ODDITIES = {"ǅ", "ǈ", "ᾈ", "İ", "ı", "ſ", "K", "Å", "Ω", "ẞ", "ß", "ŉ", "ǰ", "ϐ",
            "ϑ", "ϕ", "ϵ", "ẛ", "ι", "µ", "ÿ", "Ÿ", "ǆ", "Ǆ"};

    private Candidates() {
    }

    static List<String> generate(Random random, int minLength, int count, UserNames names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : nameParts(names)) {
            out.add(name + "9!x");
            out.add("Xy1!" + name.toUpperCase(Locale.ROOT));
            out.add("#7" + name.substring(0, 2) + "Qw!" + name.substring(2));
            out.add(name.toLowerCase(Locale.ROOT) + "Z8");
        }
        for (String c : CASE_ODDITIES) {
            out.add("AAA" + c + c + "111"); // counts only if c is not upper case
            out.add("aaa" + c + c + "111"); // counts only if c is not lower case
            out.add("AAAaaa" + c + c); // counts only if c is a third group
        }
        while (out.size() < count) {
            int length = minLength - 3 + random.nextInt(7);
            boolean asciiOnly = random.nextInt(3) == 0;
            String[][] groups = asciiOnly ? ASCII : GROUPS;
            int used = 1 + random.nextInt(groups.length);
            List<String[]> chosen = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < groups.length; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, random);
            for (int i = 0; i < used; i++) {
                chosen.add(groups[order.get(i)]);
            }
            StringBuilder password = new StringBuilder();
            int group = 0;
            while (password.length() < length) {
                String[] pool = chosen.get(group++ % chosen.size());
                password.append(pool[random.nextInt(pool.length)]);
            }
            String candidate = password.toString();
            if (!candidate.isBlank() && !candidate.startsWith(" ") && !candidate.endsWith(" ")) {
                out.add(candidate);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> nameParts(UserNames names) {
        List<String> parts = new ArrayList<>(PolicyChecker.displayNameTokens(names.displayName()));
        parts.add(names.accountName());
        return parts;
    }
}
