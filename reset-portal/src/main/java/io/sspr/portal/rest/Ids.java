package io.sspr.portal.rest;

import java.util.UUID;

/** Ids in paths: only the canonical UUID form is one. */
public final class Ids {
    private Ids() {
    }

    /** @return the id, or null when the text is not a canonical UUID */
    public static UUID parse(String text) {
        // UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical form is an id here.
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
