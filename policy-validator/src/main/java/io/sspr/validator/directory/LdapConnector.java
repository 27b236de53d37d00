package io.sspr.validator.directory;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import io.sspr.directory.LdapConfig;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One connection pool to the DC over verified TLS ({@link SecureLdap}). The pool is created on first use, so the
 * service starts (and reports not ready) while the DC is down, and recovers without a restart.
 */
@ApplicationScoped
public class LdapConnector {
    private final LdapSettings settings;
    private LDAPConnectionPool pool;

    @Inject
    public LdapConnector(LdapConfig config) {
        this(config.readPool());
    }

    public LdapConnector(LdapSettings settings) {
        this.settings = settings;
    }

    public String baseDn() {
        return settings.baseDn();
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
        return SecureLdap.readPool(settings, "sspr-policy-validator");
    }

    @PreDestroy
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
