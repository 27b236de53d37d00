package io.sspr.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** How the worker reaches the domain controller; values come from the LDAP_* environment variables. */
@ConfigMapping(prefix = "sspr.ldap")
public interface LdapConfig {

    /**
     * ldaps://host:636, or ldap://host:389 upgraded with StartTLS; several DCs comma-separated, tried in order
     * (the first that answers is used).
     */
    String url();

    /** PEM of the CA that signed the DC's certificate: the only certificates trusted. */
    Path caFile();

    String baseDn();

    /** The service account that performs resets and unlocks (and changes, see LdapPasswordDirectory). */
    String bindDn();

    String bindPassword();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration responseTimeout();

    /** Connections for finds and health checks. */
    @WithDefault("4")
    int poolSize();

    /** Connections for password writes: two keep the next write waiting at the DC while one is applied. */
    @WithDefault("2")
    int writeConnections();

    /** Lets ldap:// URLs skip StartTLS: a lab DC without a certificate only (a WARN says so at start). */
    @WithDefault("false")
    boolean allowPlainText();
}
