package io.sspr.portal.rest;

/** Body of {@code POST /api/v1/password-changes}. Prints without its passwords. */
public record PasswordChangeRequest(String username, String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "PasswordChangeRequest[username length " + (username == null ? 0 : username.length()) + "]";
    }
}
