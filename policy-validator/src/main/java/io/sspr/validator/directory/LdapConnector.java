package io.sspr.validator.directory;

import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.sspr.validator.config.LdapConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;

/**
 * One connection pool to the DC over LDAPS (or StartTLS), trusting only the configured CA and checking the
 * host name. The pool is created on first use, so the service starts (and reports not ready) while the DC is
 * down, and recovers without a restart.
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
        LDAPURL url = new LDAPURL(config.url());
        SSLSocketFactory tls = tlsSocketFactory();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
        boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
        SingleServerSet server = ldaps
                ? new SingleServerSet(url.getHost(), url.getPort(), tls, options)
                : new SingleServerSet(url.getHost(), url.getPort(), options);
        // Plain ldap:// is only ever used upgraded: AD refuses password work without TLS anyway.
        PostConnectProcessor startTls = ldaps ? null : new StartTLSPostConnectProcessor(tls);
        LDAPConnectionPool created = new LDAPConnectionPool(server,
                new SimpleBindRequest(config.bindDn(), config.bindPassword()), 1, config.poolSize(), startTls);
        created.setRetryFailedOperationsDueToInvalidConnections(true);
        created.setConnectionPoolName("sspr-policy-validator");
        return created;
    }

    private SSLSocketFactory tlsSocketFactory() throws LDAPException {
        try {
            return new SSLUtil(new PEMFileTrustManager(new File(config.caFile()))).createSSLSocketFactory();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR,
                    "cannot use the CA file " + config.caFile() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
