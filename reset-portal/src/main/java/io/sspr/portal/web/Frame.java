package io.sspr.portal.web;

/**
 * What every page shows besides its own content: the form token for its forms and the error, if any.
 *
 * @param csrf the hidden field of every form on the page
 * @param error what went wrong with the last form, or null
 * @param cookie the browser's form cookie; set on the answer when {@code newCookie}
 */
public record Frame(String csrf, PageError error, String cookie, boolean newCookie) {
    /** Whether the error is about this field: it is then marked invalid, described by the error and focused. */
    public boolean invalid(String field) {
        return error != null && field.equals(error.field());
    }

    public Frame withError(PageError next) {
        return new Frame(csrf, next, cookie, newCookie);
    }
}
