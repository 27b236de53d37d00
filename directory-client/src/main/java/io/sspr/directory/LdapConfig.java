package io.sspr.directory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The one {@code sspr.ldap} mapping of every service that reaches the DCs, and the one translation into
 * {@link LdapSettings}: {@link #readPool()}, {@link #writePool()} and {@link #syncPool()} name what each pool is for,
 * so a service never restates the DCs, the CA or the timeouts.
 */
@ConfigMapping(prefix = "sspr.ldap")
public interface LdapConfig {

    /**
     * ldaps://host:636, or ldap://host:389 upgraded with StartTLS; several DCs comma-separated, tried in order (see
     * {@link DcUrls}).
     */
    String url();

    /** PEM of the CA that signed the DCs' certificates: the only certificates trusted. */
    Path caFile();

    String baseDn();

    /** The service's own account: the read-only reader for the validator, the writeback account for the worker. */
    String bindDn();

    String bindPassword();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration responseTimeout();

    /** Connections for reads: finds, policy reads and health checks. */
    @WithDefault("4")
    int poolSize();

    /** Connections for password writes: two keep the next write waiting at the DC while one is applied. */
    @WithDefault("2")
    int writeConnections();

    /** Lets ldap:// URLs skip StartTLS: a lab DC without a certificate only (a WARN says so at start). */
    @WithDefault("false")
    boolean allowPlainText();

    /** The read-only account a directory sync binds as, apart from the service's own account. */
    Sync sync();

    interface Sync {
        Optional<String> bindDn();

        Optional<String> bindPassword();

        /** Connections of the sync's own pool, so a long pass never holds those a write needs. */
        @WithDefault("2")
        int poolSize();
    }

    /** The service's account, {@link #poolSize()} connections: for {@link SecureLdap#readPool}. */
    default LdapSettings readPool() {
        return new LdapSettings(url(), caFile(), baseDn(), bindDn(), bindPassword(), connectTimeout(),
                responseTimeout(), poolSize(), allowPlainText());
    }

    /** The service's account, {@link #writeConnections()} connections: for {@link SecureLdap#writePool}. */
    default LdapSettings writePool() {
        return readPool().withPoolSize(writeConnections());
    }

    /**
     * The sync's read-only account on the same DCs, its own connections: for {@link SecureLdap#readPool}. Fails,
     * naming the setting, when the account is not configured: the sync never binds as the service's account.
     */
    default LdapSettings syncPool() {
        String dn = sync().bindDn().filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                "sspr.ldap.sync.bind-dn (LDAP_SYNC_BIND_DN) is not set: the sync binds as the read-only account, never"
                        + " as the service's own account"));
        String password = sync().bindPassword().filter(value -> !value.isEmpty()).orElseThrow(
                () -> new IllegalStateException("sspr.ldap.sync.bind-password (LDAP_SYNC_BIND_PASSWORD) is not set"));
        return readPool().withAccount(dn, password).withPoolSize(sync().poolSize());
    }
}
