package io.sspr.validator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The directory connection: LDAPS (or StartTLS) trusting only the stack's CA. */
@ConfigMapping(prefix = "sspr.ldap")
public interface LdapConfig {
    /** ldaps://host:636, or ldap://host:389 upgraded with StartTLS; several DCs comma-separated, tried in order. */
    String url();

    /** PEM file of the CA that signed the DC's certificate; nothing else is trusted. */
    String caFile();

    String baseDn();

    String bindDn();

    String bindPassword();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration responseTimeout();

    @WithDefault("4")
    int poolSize();

    /** Lets ldap:// URLs skip StartTLS: a lab DC without a certificate only (a WARN says so at start). */
    @WithDefault("false")
    boolean allowPlainText();
}
