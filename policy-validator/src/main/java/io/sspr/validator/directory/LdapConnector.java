package io.sspr.validator.directory;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;
import io.sspr.validator.config.LdapConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * One connection pool to the DC over verified TLS ({@link SecureLdap}). The pool is created on first use, so the
 * service starts (and reports not ready) while the DC is down, and recovers without a restart.
 */
@ApplicationScoped
public class LdapConnector {
    private final LdapConfig config;
    private LDAPConnectionPool pool;

    @Inject
    public LdapConnector(LdapConfig config) {
        this.config = config;
    }

    public String baseDn() {
        return config.baseDn();
    }

    /** Runs one directory operation; every LDAP failure becomes a DirectoryUnavailableException. */
    public <T> T call(LdapCall<T> call) {
        try {
            return call.apply(pool());
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("directory operation failed: " + e.getResultCode(), e);
        }
    }

    @FunctionalInterface
    public interface LdapCall<T> {
        T apply(LDAPConnectionPool pool) throws LDAPException;
    }

    private synchronized LDAPConnectionPool pool() throws LDAPException {
        if (pool == null || pool.isClosed()) {
            pool = createPool();
        }
        return pool;
    }

    private LDAPConnectionPool createPool() throws LDAPException {
        LDAPConnectionPool created = SecureLdap.pool(new LdapSettings(config.url(), Path.of(config.caFile()),
                config.baseDn(), config.bindDn(), config.bindPassword(), config.connectTimeout(),
                config.responseTimeout(), config.poolSize(), config.allowPlainText()), "sspr-policy-validator", 1);
        // Only reads go through this pool, so a stale connection may simply be retried on a fresh one.
        created.setRetryFailedOperationsDueToInvalidConnections(true);
        return created;
    }

    @PreDestroy
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
