package io.sspr.events;

/**
 * Stable codes for every outcome a person can see, with a default message that says what happened and
 * what to do. Emitters may replace the message with one that carries figures (such as the minimum length);
 * the code never changes meaning.
 */
public enum ResultCode {
    PASSWORD_CHANGED("Your password has been changed. Use the new password from now on."),
    ACCOUNT_UNLOCKED("Your account is unlocked. Sign in with your current password."),
    CURRENT_PASSWORD_CONFIRMED("Your current password is confirmed."),
    REQUEST_ACCEPTED("Your request was received and is being processed."),
    REQUEST_VALIDATED("Your new password meets the policy and is being written to the directory."),

    PASSWORD_TOO_SHORT("Your new password is too short. Choose a longer one."),
    PASSWORD_TOO_LONG("Your new password is longer than 256 characters. Choose a shorter one."),
    PASSWORD_NOT_COMPLEX("Your new password must contain characters from at least three of these groups: "
            + "capital letters, small letters, digits, symbols, and letters without case."),
    PASSWORD_CONTAINS_ACCOUNT_NAME("Your new password contains your user name. Choose one that does not."),
    PASSWORD_CONTAINS_DISPLAY_NAME("Your new password contains part of your name. Choose one that does not."),
    PASSWORD_IN_HISTORY("Your new password was used recently; choose another."),
    PASSWORD_TOO_YOUNG("Your password was changed too recently to change it again. Try again later."),
    PASSWORD_POLICY("The directory refused your new password because it does not meet the password policy. "
            + "Choose a longer, more varied password."),
    PASSWORD_INVALID_CHARACTERS("Your password contains characters that cannot be used (broken Unicode). "
            + "Type it again."),
    CURRENT_PASSWORD_WRONG("The user name or current password is not correct, or this account cannot use "
            + "self-service. Check them and try again; if it keeps failing, contact the help desk."),
    ACCOUNT_LOCKED("Your account is locked. Unlock it or wait until the lockout ends, then try again."),
    ACCOUNT_DISABLED("Your account is disabled. Contact the help desk."),
    ACCESS_DENIED("The password service is not allowed to change this account. Contact the help desk."),
    USER_NOT_FOUND("No account with this user name was found. Check the user name and try again."),
    USER_AMBIGUOUS("Several accounts match this user name. Sign in with your full user name (name@domain)."),
    USERNAME_INVALID("This user name contains characters that user names cannot have. "
            + "Type your user name, such as jdoe or jdoe@example.test."),
    INVALID_REQUEST("The request is incomplete or malformed. Fill in every field and try again."),
    DIRECTORY_UNAVAILABLE("The directory cannot be reached right now. Nothing was changed; try again in a few minutes."),
    WRITEBACK_UNAVAILABLE("Password writeback is not active right now. Nothing was changed; try again later "
            + "or contact the help desk."),
    WRITEBACK_INACTIVE("Password reset is unavailable right now: passwords cannot be written to the directory at the "
            + "moment. Nothing was changed. Try again later or call the help desk."),
    REQUEST_EXPIRED("Your request took too long and was not applied. Nothing was changed; please try again."),
    INTERNAL_ERROR("Something went wrong on our side. Nothing was changed; please try again."),
    PASSWORD_BANNED("Your new password is too common or too easy to guess, or it contains your name. "
            + "Choose a longer one, such as a few unrelated words."),
    PASSWORD_BREACHED("Your new password has appeared in a data breach, so attackers try it first. "
            + "Choose one you have never used anywhere."),
    ACCOUNT_PROTECTED("This account is protected (an administrator or service account), so its password cannot be "
            + "changed here. Contact the help desk."),
    ACCOUNT_OUT_OF_SCOPE("Self-service password change is not enabled for this account. "
            + "Contact the help desk to change your password."),

    // Identity verification in the portal: one answer whatever failed, so that no answer tells who exists
    CODE_WRONG("The code is not correct or no longer valid. Check it and try again, or start over to get a new code."),
    VERIFICATION_INCOMPLETE("Prove who you are first: enter the codes you were asked for, then try again."),
    SELF_SERVICE_BLOCKED("Too many failed attempts: self-service is blocked for this account for 24 hours. "
            + "Contact the help desk if you need access sooner."),
    TOO_MANY_REQUESTS("Too many requests from your network. Wait a few minutes, then try again."),
    UNLOCK_NOT_ALLOWED("Unlocking without a password reset is not offered here. Reset your password instead; "
            + "that unlocks the account too."),
    REGISTRATION_NOT_READY("Your current password has not been confirmed yet. Wait a moment and try again."),

    // The portal's pages and its policy hints
    FORM_TOKEN_INVALID("This form has expired or did not come from this site, so it was not sent. Go back, reload "
            + "the page and send the form again."),
    NEW_PASSWORDS_DIFFERENT("The two new passwords are not the same. Type the same new password in both fields."),
    POLICY_UNKNOWN("The password policy is not known yet. Try again in a moment; your password is still checked "
            + "when you send it.");

    private final String defaultMessage;

    ResultCode(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
