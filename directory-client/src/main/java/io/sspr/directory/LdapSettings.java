package io.sspr.directory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a service reaches the domain controllers; plain values, so directory code runs without a framework.
 *
 * @param url one DC URL or several, comma-separated, tried in order (see {@link DcUrls})
 * @param allowPlainText lets {@code ldap://} URLs skip StartTLS; only for a lab DC without a certificate, since AD
 *        then sees the service account's password and every user's password in clear on the wire
 */
public record LdapSettings(
        String url,
        Path caFile,
        String baseDn,
        String bindDn,
        String bindPassword,
        Duration connectTimeout,
        Duration responseTimeout,
        int poolSize,
        boolean allowPlainText) {

    public LdapSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(baseDn, "baseDn");
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(bindPassword, "bindPassword");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    /** The same DC and account with another number of connections. */
    public LdapSettings withPoolSize(int size) {
        return new LdapSettings(url, caFile, baseDn, bindDn, bindPassword, connectTimeout, responseTimeout, size,
                allowPlainText);
    }

    /** Another DC list (or one DC alone) with the same account, CA and timeouts. */
    public LdapSettings withUrl(String otherUrl) {
        return new LdapSettings(otherUrl, caFile, baseDn, bindDn, bindPassword, connectTimeout, responseTimeout,
                poolSize, allowPlainText);
    }

    /** The same DCs and account trusting another CA (a test of what an untrusted certificate does). */
    public LdapSettings withCaFile(Path otherCaFile) {
        return new LdapSettings(url, otherCaFile, baseDn, bindDn, bindPassword, connectTimeout, responseTimeout,
                poolSize, allowPlainText);
    }

    /**
     * The same DCs and transport bound as another account: a service that binds as two accounts (the worker writes as
     * the writeback account and syncs as the read-only one) builds both from one configuration.
     */
    public LdapSettings withAccount(String otherBindDn, String otherBindPassword) {
        return new LdapSettings(url, caFile, baseDn, otherBindDn, otherBindPassword, connectTimeout, responseTimeout,
                poolSize, allowPlainText);
    }

    /** The password is the service account's: never print it. */
    @Override
    public String toString() {
        return "LdapSettings[url=" + url + ", caFile=" + caFile + ", baseDn=" + baseDn + ", bindDn=" + bindDn
                + ", poolSize=" + poolSize + ", allowPlainText=" + allowPlainText + "]";
    }
}
