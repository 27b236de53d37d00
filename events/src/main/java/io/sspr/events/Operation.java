package io.sspr.events;

import java.util.Locale;

/** What a person or a helpdesk asks the directory to do with a password. */
public enum Operation {
    /** The user knows the current password: AD's delete old + add new. */
    CHANGE(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE),
    /** The user forgot the password and proved their identity: replace. */
    RESET(AuditActivity.RESET_PASSWORD_SELF_SERVICE),
    /** Clear the lockout without touching the password. */
    UNLOCK(AuditActivity.UNLOCK_USER_ACCOUNT_SELF_SERVICE),
    /** A helpdesk operator sets a password: replace. */
    ADMIN_RESET(AuditActivity.RESET_PASSWORD_BY_ADMIN),
    /**
     * The user proves the current password, as a step of registering an authenticator app: the worker binds as the
     * user and writes nothing. A wrong password counts against the account as any failed sign-in does.
     */
    VERIFY_PASSWORD(AuditActivity.FLOW_ACTIVITY_PROGRESS);

    private final AuditActivity activity;

    Operation(AuditActivity activity) {
        this.activity = activity;
    }

    public AuditActivity activity() {
        return activity;
    }

    /** Whether the directory is asked to write a new password. */
    public boolean setsPassword() {
        return this == CHANGE || this == RESET || this == ADMIN_RESET;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
