package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import io.sspr.directory.DcUrls;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The worker's pool of verified TLS connections bound as the service account, to the first DC of the configured
 * list that answers (see {@link SecureLdap}), and single connections to one named DC for a recovery.
 */
public final class LdapConnections implements AutoCloseable {

    private final LdapSettings settings;
    private final List<LDAPURL> dcs;
    private final LDAPConnectionPool pool;
    private final LDAPConnectionPool writes;

    public LdapConnections(LdapSettings settings, int writeConnections) {
        this.settings = settings;
        try {
            dcs = DcUrls.parse(settings.url());
            // No connection at start: the worker comes up (and reports not ready) while the DC is down.
            pool = SecureLdap.pool(settings, "sspr-writeback", 0);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the LDAP connection pool: " + e.getMessage(), e);
        }
        pool.setMaxConnectionAgeMillis(10 * 60 * 1000L);
        // A password modify is not idempotent, so the pool never retries it blindly: a failed one comes back as
        // DIRECTORY_UNAVAILABLE and the worker's DirectoryWriter retries it only after asking the DC whether it was
        // applied. Connections are checked in the background and after a failure, not on every checkout (that
        // would cost the DC a root DSE read per operation).
        pool.setRetryFailedOperationsDueToInvalidConnections(false);
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", settings.responseTimeout().toMillis(),
                false, false, false, false, true, true));
        pool.setHealthCheckIntervalMillis(30_000L);
        writes = writePool(settings.withPoolSize(writeConnections));
    }

    /**
     * Password writes have their own few connections ({@code sspr.ldap.write-connections}, 2): the DC applies them
     * one at a time anyway (one database transaction each, with the password hashing inside), so more would only
     * queue there, while a second one means the next write is already waiting at the DC when one ends. Requests
     * wait here for a connection, never for a new one.
     */
    private static LDAPConnectionPool writePool(LdapSettings settings) {
        try {
            LDAPConnectionPool created = SecureLdap.pool(settings, "sspr-writeback-writes", 0);
            created.setCreateIfNecessary(false);
            created.setMaxWaitTimeMillis(settings.responseTimeout().toMillis());
            created.setMaxConnectionAgeMillis(10 * 60 * 1000L);
            created.setRetryFailedOperationsDueToInvalidConnections(false);
            created.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", settings.responseTimeout().toMillis(),
                    false, false, false, false, true, true));
            created.setHealthCheckIntervalMillis(30_000L);
            return created;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the LDAP write connection: " + e.getMessage(), e);
        }
    }

    /** The connections for password writes (see {@link #writePool}). */
    public LDAPConnectionPool writes() {
        return writes;
    }

    public LDAPConnectionPool pool() {
        return pool;
    }

    /** A connection's DC as host:port, the form the ledger stores. */
    public static String server(LDAPConnection connection) {
        return connection.getConnectedAddress() + ":" + connection.getConnectedPort();
    }

    /** The configured DC that host:port names; empty when it is no longer in {@code sspr.ldap.url}. */
    public Optional<LDAPURL> configuredDc(String server) {
        return dcs.stream()
                .filter(dc -> (dc.getHost() + ":" + dc.getPort()).toLowerCase(Locale.ROOT)
                        .equals(server.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * A new connection to that DC alone (no failover to another), verified and bound like the pool's; the caller
     * closes it. For a recovery's one read, so not pooled.
     */
    public LDAPConnection connectTo(LDAPURL dc) throws LDAPException {
        LdapSettings only = new LdapSettings(dc.toString(), settings.caFile(), settings.baseDn(), settings.bindDn(),
                settings.bindPassword(), settings.connectTimeout(), settings.responseTimeout(), 1,
                settings.allowPlainText());
        LDAPConnection connection = SecureLdap.serverSet(only).getConnection();
        try {
            connection.bind(new SimpleBindRequest(settings.bindDn(), settings.bindPassword()));
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        writes.close();
        pool.close();
    }
}
