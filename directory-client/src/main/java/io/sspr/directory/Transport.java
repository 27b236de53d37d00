package io.sspr.directory;

import com.unboundid.ldap.sdk.LDAPURL;

/** How the bytes to one DC are protected. */
public enum Transport {
    /** ldaps://: TLS from the first byte. */
    TLS,
    /** ldap://: upgraded with StartTLS before anything else is sent; if the DC refuses, the connection fails. */
    START_TLS,
    /** ldap:// with sspr.ldap.allow-plain-text: clear text, for a lab only. */
    PLAIN;

    public static Transport of(LDAPURL url, boolean allowPlainText) {
        if ("ldaps".equals(url.getScheme())) {
            return TLS;
        }
        return allowPlainText ? PLAIN : START_TLS;
    }
}
