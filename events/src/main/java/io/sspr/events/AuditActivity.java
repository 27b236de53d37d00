package io.sspr.events;

/** Entra's activity names for the category "Self-service Password Management". */
public enum AuditActivity {
    BLOCKED_FROM_SSPR("Blocked from self-service password reset"),
    CHANGE_PASSWORD_SELF_SERVICE("Change password (self-service)"),
    RESET_PASSWORD_BY_ADMIN("Reset password (by admin)"),
    RESET_PASSWORD_SELF_SERVICE("Reset password (self-service)"),
    SECURITY_INFO_SAVED("Security info saved for self-service password reset"),
    FLOW_ACTIVITY_PROGRESS("Self-service password reset flow activity progress"),
    UNLOCK_USER_ACCOUNT_SELF_SERVICE("Unlock user account (self-service)"),
    USER_REGISTERED("User registered for self-service password reset"),
    POLICY_CHANGES("Self-service password reset policy changes"),
    WRITEBACK_TOGGLED("Enable/Disable password writeback for directory");

    public static final String CATEGORY = "Self-service Password Management";

    private final String displayName;

    AuditActivity(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
