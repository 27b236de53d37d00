package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;

import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;

/**
 * The worker's pool of verified TLS connections bound as the service account, to the first DC of the configured
 * list that answers (see {@link SecureLdap}).
 */
public final class LdapConnections implements AutoCloseable {

    private final LDAPConnectionPool pool;
    private final LDAPConnectionPool writes;

    public LdapConnections(LdapSettings settings, int writeConnections) {
        try {
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

    @Override
    public void close() {
        writes.close();
        pool.close();
    }
}
