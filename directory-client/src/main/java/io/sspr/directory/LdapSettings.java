package io.sspr.directory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How a service reaches the domain controller; plain values, so directory code runs without a framework. */
public record LdapSettings(
        String url,
        Path caFile,
        String baseDn,
        String bindDn,
        String bindPassword,
        Duration connectTimeout,
        Duration responseTimeout,
        int poolSize) {

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

    /** The password is the service account's: never print it. */
    @Override
    public String toString() {
        return "LdapSettings[url=" + url + ", caFile=" + caFile + ", baseDn=" + baseDn + ", bindDn=" + bindDn
                + ", poolSize=" + poolSize + "]";
    }
}
