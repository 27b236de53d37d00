package io.sspr.events;

import java.util.Locale;
import java.util.regex.Pattern;

/** User names as people type them, and the key that keeps one account's events on one partition. */
public final class UserKeys {
    /** sAMAccountName (at most 20) or a UPN; no LDAP filter, DN or sAMAccountName-forbidden characters. */
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[\\p{L}\\p{N}._\\-]{1,20}");
    private static final Pattern UPN = Pattern.compile("[\\p{L}\\p{N}._\\-]{1,64}@[\\p{L}\\p{N}.\\-]{1,190}");

    private UserKeys() {
    }

    /** True for a sAMAccountName or UPN that cannot carry LDAP filter or DN syntax. */
    public static boolean isValidUsername(String username) {
        return username != null && (ACCOUNT_NAME.matcher(username).matches() || UPN.matcher(username).matches());
    }

    public static boolean isUpn(String username) {
        return username.indexOf('@') > 0;
    }

    /** The key before the directory's objectGUID is known. */
    public static String fromUsername(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
