package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;

/**
 * A pool of connections bound as the service account, always encrypted and always verified: only certificates
 * signed by the configured CA are trusted (not the JDK's default trust store) and the host name must match the
 * certificate. ldaps:// connects with TLS; ldap:// is upgraded with StartTLS before the bind.
 */
public final class LdapConnections implements AutoCloseable {
    private final LDAPConnectionPool pool;

    public LdapConnections(LdapSettings settings) {
        LDAPURL url = parse(settings.url());
        if (!Files.isReadable(settings.caFile())) {
            throw new IllegalStateException("LDAP CA file is not readable: " + settings.caFile());
        }
        SSLSocketFactory tls = tlsSocketFactory(settings);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SingleServerSet server = "ldaps".equals(url.getScheme())
                ? new SingleServerSet(url.getHost(), url.getPort(), tls, options)
                : new SingleServerSet(url.getHost(), url.getPort(), null, options, null,
                        new StartTLSPostConnectProcessor(tls));
        try {
            // No connection at start: the worker comes up (and reports not ready) while the DC is down.
            pool = new LDAPConnectionPool(server, new SimpleBindRequest(settings.bindDn(), settings.bindPassword()),
                    0, settings.poolSize());
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the LDAP connection pool: " + e.getMessage(), e);
        }
        pool.setConnectionPoolName("sspr-writeback");
        pool.setMaxConnectionAgeMillis(10 * 60 * 1000L);
        // A password modify is not idempotent, so it is never retried blindly; instead every checked-out
        // connection is proven alive first (a root DSE read), so a stale connection cannot fail a user's change.
        pool.setRetryFailedOperationsDueToInvalidConnections(false);
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", settings.responseTimeout().toMillis(),
                false, false, true, false, true, true));
    }

    public LDAPConnectionPool pool() {
        return pool;
    }

    private static LDAPURL parse(String url) {
        try {
            LDAPURL parsed = new LDAPURL(url);
            if (!"ldaps".equals(parsed.getScheme()) && !"ldap".equals(parsed.getScheme())) {
                throw new IllegalStateException("LDAP URL must be ldaps:// or ldap:// (StartTLS): " + url);
            }
            return parsed;
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP URL is malformed: " + url, e);
        }
    }

    private static SSLSocketFactory tlsSocketFactory(LdapSettings settings) {
        try {
            return new SSLUtil(new PEMFileTrustManager(settings.caFile().toFile())).createSSLSocketFactory("TLSv1.2");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with the CA file " + settings.caFile(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
