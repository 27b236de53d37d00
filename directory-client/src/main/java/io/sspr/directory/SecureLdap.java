package io.sspr.directory;

import java.nio.file.Files;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLSocketFactory;

import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * Connection pools to the DC that are always encrypted and always verified: only certificates signed by the
 * configured CA are trusted (not the JDK's default trust store) and the host name must match the certificate.
 * {@code ldaps://} connects with TLS; {@code ldap://} is upgraded with StartTLS before the bind, never used in clear.
 */
public final class SecureLdap {

    private SecureLdap() {
    }

    /**
     * A pool bound as the service account. With {@code initialConnections} 0 nothing connects yet, so a service can
     * start (and report not ready) while the DC is down. Callers choose their own retry and health-check policy.
     */
    public static LDAPConnectionPool pool(LdapSettings settings, String poolName, int initialConnections)
            throws LDAPException {
        LDAPURL url = parse(settings.url());
        SSLSocketFactory tls = tlsSocketFactory(settings);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        SingleServerSet server = "ldaps".equals(url.getScheme())
                ? new SingleServerSet(url.getHost(), url.getPort(), tls, options)
                : new SingleServerSet(url.getHost(), url.getPort(), null, options, null,
                        new StartTLSPostConnectProcessor(tls));
        LDAPConnectionPool pool = new LDAPConnectionPool(server,
                new SimpleBindRequest(settings.bindDn(), settings.bindPassword()), initialConnections,
                settings.poolSize());
        pool.setConnectionPoolName(poolName);
        return pool;
    }

    private static LDAPURL parse(String url) throws LDAPException {
        LDAPURL parsed = new LDAPURL(url);
        if (!"ldaps".equals(parsed.getScheme()) && !"ldap".equals(parsed.getScheme())) {
            throw new LDAPException(ResultCode.PARAM_ERROR,
                    "LDAP URL must be ldaps:// or ldap:// (upgraded with StartTLS): " + url);
        }
        return parsed;
    }

    private static SSLSocketFactory tlsSocketFactory(LdapSettings settings) throws LDAPException {
        if (!Files.isReadable(settings.caFile())) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "the LDAP CA file is not readable: " + settings.caFile());
        }
        try {
            return new SSLUtil(new PEMFileTrustManager(settings.caFile().toFile())).createSSLSocketFactory("TLSv1.2");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR,
                    "cannot use the CA file " + settings.caFile() + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
