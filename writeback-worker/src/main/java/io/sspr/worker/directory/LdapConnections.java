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

    public LdapConnections(LdapSettings settings) {
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
    }

    public LDAPConnectionPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
