package io.sspr.audit.web;

/**
 * What every page shows besides its own content.
 *
 * @param csrf the hidden field of the page's forms
 * @param signedInAs the signed-in auditor's name (the page then offers to sign out), or null
 * @param error what went wrong, said to a person, or null
 */
public record PageFrame(String csrf, String signedInAs, String error) {
}
