package io.sspr.portal.service;

import io.sspr.events.ResultCode;
import io.sspr.events.UserKeys;
import io.sspr.events.crypto.Secret;
import java.util.Optional;

/**
 * The checks the portal makes before anything is sealed or sent. Plain Java: the policy itself (length,
 * complexity, history) is the validator's job; here only what no directory could accept is refused.
 */
public final class ChangeRequestValidator {

    /** AD's limit, counted in UTF-16 code units as the directory counts it. */
    public static final int MAX_PASSWORD_LENGTH = 256;

    private ChangeRequestValidator() {
    }

    /** @return the reason to refuse the request, or empty when it may go on */
    public static Optional<ResultCode> check(String username, String currentPassword, String newPassword) {
        if (isBlank(username) || isBlank(currentPassword) || isBlank(newPassword)) {
            return Optional.of(ResultCode.INVALID_REQUEST);
        }
        if (!UserKeys.isValidUsername(username)) {
            return Optional.of(ResultCode.USERNAME_INVALID);
        }
        if (currentPassword.length() > MAX_PASSWORD_LENGTH || newPassword.length() > MAX_PASSWORD_LENGTH) {
            return Optional.of(ResultCode.PASSWORD_TOO_LONG);
        }
        if (!Secret.isWellFormed(currentPassword) || !Secret.isWellFormed(newPassword)) {
            return Optional.of(ResultCode.PASSWORD_INVALID_CHARACTERS);
        }
        return Optional.empty();
    }

    /** The same checks for a reset's new password alone. */
    public static Optional<ResultCode> checkNewPassword(String newPassword) {
        if (isBlank(newPassword)) {
            return Optional.of(ResultCode.INVALID_REQUEST);
        }
        if (newPassword.length() > MAX_PASSWORD_LENGTH) {
            return Optional.of(ResultCode.PASSWORD_TOO_LONG);
        }
        if (!Secret.isWellFormed(newPassword)) {
            return Optional.of(ResultCode.PASSWORD_INVALID_CHARACTERS);
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
