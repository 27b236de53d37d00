package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.LDAPException;
import io.sspr.events.ResultCode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what the directory answered to a stable {@link ResultCode}. AD and Samba put an 8-hex-digit Win32
 * code at the start of the diagnostic message ("0000052D: Constraint violation - ..."), and bind failures
 * carry a sub-code ("80090308: LdapErr: ..., data 52e, v1db1"); both say more than the LDAP result code,
 * which differs between the two (AD answers a policy failure with 53, Samba with 19). Pure: no I/O.
 */
public final class DirectoryErrorMapper {

    /** The Win32 code AD/Samba put first in the diagnostic, e.g. 0000052D. */
    private static final Pattern EXTENDED_CODE = Pattern.compile("^\\s*([0-9A-Fa-f]{8})\\b");
    /** The sub-code of a failed bind, e.g. "data 52e". */
    private static final Pattern BIND_DATA = Pattern.compile("\\bdata ([0-9A-Fa-f]{1,8})\\b");
    /** SEC_E_INVALID_TOKEN: "AcceptSecurityContext error"; the reason is in the data sub-code. */
    private static final String ACCEPT_SECURITY_CONTEXT = "80090308";

    private static final Map<String, ResultCode> BY_WIN32_CODE = Map.ofEntries(
            Map.entry("0000052D", ResultCode.PASSWORD_POLICY), // refined by text below
            Map.entry("00000056", ResultCode.CURRENT_PASSWORD_WRONG), // ERROR_INVALID_PASSWORD: old value wrong
            Map.entry("0000052E", ResultCode.CURRENT_PASSWORD_WRONG), // ERROR_LOGON_FAILURE
            Map.entry("00000005", ResultCode.ACCESS_DENIED),
            Map.entry("00002098", ResultCode.ACCESS_DENIED), // ERROR_DS_INSUFF_ACCESS_RIGHTS (Samba: no write property access)
            Map.entry("00000775", ResultCode.ACCOUNT_LOCKED),
            Map.entry("00000533", ResultCode.ACCOUNT_DISABLED),
            Map.entry("00000701", ResultCode.ACCOUNT_DISABLED), // account expired: only the help desk can fix it
            Map.entry("00000525", ResultCode.USER_NOT_FOUND),
            Map.entry("00002030", ResultCode.USER_NOT_FOUND), // ERROR_DS_OBJ_NOT_FOUND ("No such Base DN")
            Map.entry("00000530", ResultCode.ACCESS_DENIED), // logon hours
            Map.entry("00000531", ResultCode.ACCESS_DENIED)); // workstation restriction

    /** Bind sub-codes given only to the right password: expired (532), must change at next logon (773). */
    private static final Set<String> PASSWORD_RIGHT_BUT_UNUSABLE = Set.of("00000532", "00000773");

    /** Client-side or server states in which nothing was changed and a later try may work. */
    private static final Set<com.unboundid.ldap.sdk.ResultCode> UNAVAILABLE = Set.of(
            com.unboundid.ldap.sdk.ResultCode.CONNECT_ERROR,
            com.unboundid.ldap.sdk.ResultCode.SERVER_DOWN,
            com.unboundid.ldap.sdk.ResultCode.TIMEOUT,
            com.unboundid.ldap.sdk.ResultCode.UNAVAILABLE,
            com.unboundid.ldap.sdk.ResultCode.BUSY,
            com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR);

    private DirectoryErrorMapper() {
    }

    public static ResultCode map(LDAPException e) {
        return map(e.getResultCode(), textOf(e));
    }

    /** The diagnostic message from the server, else the SDK's own message (client-side failures). */
    public static String textOf(LDAPException e) {
        String diagnostic = e.getDiagnosticMessage();
        return diagnostic != null && !diagnostic.isBlank() ? diagnostic : e.getMessage();
    }

    public static ResultCode map(com.unboundid.ldap.sdk.ResultCode ldapCode, String diagnostic) {
        String text = diagnostic == null ? "" : diagnostic;
        Optional<String> extended = extendedCode(text);
        if (extended.isPresent()) {
            String code = extended.get();
            if (ACCEPT_SECURITY_CONTEXT.equals(code)) {
                return bindSubCode(text).map(DirectoryErrorMapper::byWin32).orElse(ResultCode.CURRENT_PASSWORD_WRONG);
            }
            if ("0000052D".equals(code)) {
                return refinePolicy(text);
            }
            if (BY_WIN32_CODE.containsKey(code)) {
                return BY_WIN32_CODE.get(code);
            }
        }
        return byLdapResultCode(ldapCode);
    }

    /**
     * What a failed bind as the user says about the password. AD answers data 532 (expired) and 773 (must change)
     * only when the password is right, so both are CURRENT_PASSWORD_CONFIRMED: the person knows it, and the account
     * merely needs a new one. Every other answer maps as {@link #map(LDAPException)} does: 52e (or 49 without a
     * data code) is a wrong password, 775 locked, 533 and 701 disabled, a lost answer DIRECTORY_UNAVAILABLE.
     */
    public static ResultCode mapBind(LDAPException e) {
        return mapBind(e.getResultCode(), textOf(e));
    }

    public static ResultCode mapBind(com.unboundid.ldap.sdk.ResultCode ldapCode, String diagnostic) {
        String text = diagnostic == null ? "" : diagnostic;
        boolean invalidCredentials = com.unboundid.ldap.sdk.ResultCode.INVALID_CREDENTIALS.equals(ldapCode);
        Optional<String> subCode = invalidCredentials ? bindSubCode(text) : Optional.empty();
        if (subCode.filter(PASSWORD_RIGHT_BUT_UNUSABLE::contains).isPresent()) {
            return ResultCode.CURRENT_PASSWORD_CONFIRMED;
        }
        return map(ldapCode, text);
    }

    /** The 8-hex-digit code at the start of the diagnostic, upper-case. */
    static Optional<String> extendedCode(String text) {
        Matcher m = EXTENDED_CODE.matcher(text);
        return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** "data 52e" becomes 0000052E. */
    static Optional<String> bindSubCode(String text) {
        Matcher m = BIND_DATA.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String hex = m.group(1).toUpperCase(Locale.ROOT);
        return Optional.of("0".repeat(8 - hex.length()) + hex);
    }

    private static ResultCode byWin32(String code) {
        // 532 (password expired) and 773 (must change) mean the password was right.
        return BY_WIN32_CODE.getOrDefault(code, ResultCode.INTERNAL_ERROR);
    }

    /**
     * 0000052D is every policy failure; Samba names which rule in plain text (as observed on Samba 4.17:
     * "the password is too short. It should be equal or longer than 7 characters!", "the password does not meet
     * the complexity criteria!", "the password was already used (in history)!" or "(previous password)!",
     * "password is too young to change!"). Windows AD names none, so its failures stay PASSWORD_POLICY.
     */
    static ResultCode refinePolicy(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("too short")) {
            return ResultCode.PASSWORD_TOO_SHORT;
        }
        if (lower.contains("too long")) {
            return ResultCode.PASSWORD_TOO_LONG;
        }
        if (lower.contains("complexity")) {
            return ResultCode.PASSWORD_NOT_COMPLEX;
        }
        if (lower.contains("already used") || lower.contains("history")) {
            return ResultCode.PASSWORD_IN_HISTORY;
        }
        if (lower.contains("too young") || lower.contains("minpwdage")) {
            return ResultCode.PASSWORD_TOO_YOUNG;
        }
        return ResultCode.PASSWORD_POLICY;
    }

    private static ResultCode byLdapResultCode(com.unboundid.ldap.sdk.ResultCode ldapCode) {
        if (ldapCode == null) {
            return ResultCode.INTERNAL_ERROR;
        }
        if (UNAVAILABLE.contains(ldapCode)) {
            return ResultCode.DIRECTORY_UNAVAILABLE;
        }
        if (ldapCode.equals(com.unboundid.ldap.sdk.ResultCode.INVALID_CREDENTIALS)) {
            return ResultCode.CURRENT_PASSWORD_WRONG;
        }
        if (ldapCode.equals(com.unboundid.ldap.sdk.ResultCode.INSUFFICIENT_ACCESS_RIGHTS)) {
            return ResultCode.ACCESS_DENIED;
        }
        if (ldapCode.equals(com.unboundid.ldap.sdk.ResultCode.NO_SUCH_OBJECT)) {
            return ResultCode.USER_NOT_FOUND;
        }
        return ResultCode.INTERNAL_ERROR;
    }
}
