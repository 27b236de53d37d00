package io.sspr.directory;

import java.util.ArrayList;
import java.util.List;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * The DCs a service may use, from one setting: {@code ldaps://dc1:636,ldaps://dc2:636}. Order matters: the first
 * that answers is used, so list the nearest DC first.
 */
public final class DcUrls {

    private DcUrls() {
    }

    /** Every URL, in order; refuses an empty list, a URL without a host and any scheme but ldaps/ldap. */
    public static List<LDAPURL> parse(String commaSeparated) throws LDAPException {
        List<LDAPURL> urls = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            String text = part.strip();
            if (text.isEmpty()) {
                throw new LDAPException(ResultCode.PARAM_ERROR, "empty entry in the LDAP URL list: " + commaSeparated);
            }
            urls.add(parseOne(text));
        }
        return List.copyOf(urls);
    }

    private static LDAPURL parseOne(String text) throws LDAPException {
        LDAPURL url = new LDAPURL(text);
        if (!"ldaps".equals(url.getScheme()) && !"ldap".equals(url.getScheme())) {
            throw new LDAPException(ResultCode.PARAM_ERROR,
                    "LDAP URL must be ldaps:// or ldap:// (upgraded with StartTLS): " + text);
        }
        if (!url.hostProvided()) {
            throw new LDAPException(ResultCode.PARAM_ERROR, "LDAP URL names no domain controller: " + text);
        }
        return url;
    }
}
