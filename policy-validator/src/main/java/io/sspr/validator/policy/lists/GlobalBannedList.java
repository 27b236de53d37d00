package io.sspr.validator.policy.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The global list: the most common passwords, most common first, from nbvcxz's dictionary (MIT licence, compiled
 * from public password leaks; see THIRD-PARTY.md). Read from the library's jar so no copy lives in this repository.
 */
public final class GlobalBannedList {

    static final String RESOURCE = "/dictionaries/passwords.txt";

    private GlobalBannedList() {
    }

    /** The first {@code size} entries that can be banned terms (4 to 16 characters). */
    public static List<String> mostCommon(int size) {
        List<String> terms = new ArrayList<>(size);
        try (InputStream in = GlobalBannedList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the global banned list " + RESOURCE + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while (terms.size() < size && (line = reader.readLine()) != null) {
                String term = line.strip();
                if (term.length() >= BannedTerms.MIN_TERM_LENGTH && term.length() <= BannedTerms.MAX_TERM_LENGTH) {
                    terms.add(term);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the global banned list", e);
        }
        return terms;
    }
}
