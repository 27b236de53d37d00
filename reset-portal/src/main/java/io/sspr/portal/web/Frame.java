package io.sspr.portal.web;

/**
 * What every page shows besides its own content: the form token for its forms, the error, if any, and whether
 * passwords can be written back now.
 *
 * @param csrf the hidden field of every form on the page
 * @param error what went wrong with the last form, or null
 * @param cookie the browser's form cookie; set on the answer when {@code newCookie}
 * @param unavailable while writeback is inactive, what every page says before anyone types; else null
 */
public record Frame(String csrf, PageError error, String cookie, boolean newCookie, String unavailable) {
    /** Whether the error is about this field: it is then marked invalid, described by the error and focused. */
    public boolean invalid(String field) {
        return error != null && field.equals(error.field());
    }

    public Frame withError(PageError next) {
        return new Frame(csrf, next, cookie, newCookie, unavailable);
    }
}
