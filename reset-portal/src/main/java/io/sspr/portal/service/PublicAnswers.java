package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.ResultCode;
import java.util.Set;

/**
 * What a person is told about a request's outcome. Before someone has proven who they are (a change, a registration's
 * password check), every answer that would tell whether an account exists or may use self-service is the one answer
 * an unknown user gets: the user name or current password is not correct.
 */
public final class PublicAnswers {
    private static final Set<ResultCode> REVEALING = Set.of(ResultCode.USER_NOT_FOUND, ResultCode.USER_AMBIGUOUS,
            ResultCode.ACCOUNT_DISABLED, ResultCode.ACCOUNT_PROTECTED, ResultCode.ACCOUNT_OUT_OF_SCOPE,
            ResultCode.ACCESS_DENIED, ResultCode.CURRENT_PASSWORD_WRONG, ResultCode.PASSWORD_TOO_YOUNG,
            ResultCode.ACCOUNT_LOCKED, ResultCode.PASSWORD_CONTAINS_DISPLAY_NAME);

    private PublicAnswers() {
    }

    public static ResultCode of(Operation operation, ResultCode code) {
        boolean unproven = operation == Operation.CHANGE || operation == Operation.VERIFY_PASSWORD;
        return unproven && REVEALING.contains(code) ? ResultCode.CURRENT_PASSWORD_WRONG : code;
    }

    /** Whether the answer counts as a wrong current password against the account's self-service limit. */
    public static boolean isWrongPassword(Operation operation, ResultCode code) {
        return of(operation, code) == ResultCode.CURRENT_PASSWORD_WRONG;
    }
}
