package io.sspr.directory;

import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocketFactory;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * Connection pools to the DCs that are always encrypted and always verified: only certificates signed by the
 * configured CA are trusted (not the JDK's default trust store) and the host name must match the certificate.
 * {@code ldaps://} connects with TLS; {@code ldap://} is upgraded with StartTLS before the bind, and is used in clear
 * only when {@link LdapSettings#allowPlainText()} says so (a lab).
 */
public final class SecureLdap {

    private static final System.Logger LOG = System.getLogger(SecureLdap.class.getName());
    /** A service may build its pool again and again while a DC is down; the warning is said once. */
    private static final AtomicBoolean PLAIN_TEXT_WARNED = new AtomicBoolean();
    /** A connection to a later DC in the list is replaced after this, so the service returns to the first. */
    private static final long FAILOVER_CONNECTION_AGE_MILLIS = 5 * 60 * 1000L;
    /** Connections are renewed now and then, so a DC's restart or a rotated certificate is picked up. */
    private static final long MAX_CONNECTION_AGE_MILLIS = 10 * 60 * 1000L;
    private static final long HEALTH_CHECK_INTERVAL_MILLIS = 30_000L;

    private SecureLdap() {
    }

    /**
     * A pool bound as the service account. With {@code initialConnections} 0 nothing connects yet, so a service can
     * start (and report not ready) while the DC is down. Callers choose their own retry and health-check policy.
     */
    public static LDAPConnectionPool pool(LdapSettings settings, String poolName, int initialConnections)
            throws LDAPException {
        LDAPConnectionPool pool = new LDAPConnectionPool(serverSet(settings),
                new SimpleBindRequest(settings.bindDn(), settings.bindPassword()), initialConnections,
                settings.poolSize());
        pool.setConnectionPoolName(poolName);
        return pool;
    }

    /**
     * The preset for reads (finds, policy and root DSE reads, a sync's searches): nothing connects at start, so a
     * service comes up while the DC is down; a read that failed on a stale connection is simply tried again on a
     * fresh one, as reads may be; connections are checked in the background and after a failure, never on every
     * checkout (that would cost the DC a root DSE read per operation).
     */
    public static LDAPConnectionPool readPool(LdapSettings settings, String poolName) throws LDAPException {
        LDAPConnectionPool pool = pool(settings, poolName, 0);
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        keepHealthy(pool, settings);
        return pool;
    }

    /**
     * The preset for password writes: a password modify is not idempotent, so a failed one is never retried
     * blindly (the caller asks the DC whether it was applied before trying again). The pool never grows beyond
     * {@code settings.poolSize()}: the DC applies writes one at a time anyway, so more connections would only queue
     * there; a write waits here for a free connection at most the response timeout.
     */
    public static LDAPConnectionPool writePool(LdapSettings settings, String poolName) throws LDAPException {
        LDAPConnectionPool pool = pool(settings, poolName, 0);
        pool.setRetryFailedOperationsDueToInvalidConnections(false);
        pool.setCreateIfNecessary(false);
        pool.setMaxWaitTimeMillis(settings.responseTimeout().toMillis());
        keepHealthy(pool, settings);
        return pool;
    }

    /**
     * A connection for one user's password check: to the first DC of {@code settings.url()} that answers, verified and
     * encrypted like every other, and bound as nobody (the service account's password is not sent on it). Nothing is
     * retried: when this fails no bind was sent. See {@link UserBind#bindOnce}, the one bind it may carry.
     */
    public static UserBind userBind(LdapSettings settings) throws LDAPException {
        return new UserBind(serverSet(settings).getConnection());
    }

    private static void keepHealthy(LDAPConnectionPool pool, LdapSettings settings) {
        pool.setMaxConnectionAgeMillis(MAX_CONNECTION_AGE_MILLIS);
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", settings.responseTimeout().toMillis(),
                false, false, false, false, true, true));
        pool.setHealthCheckIntervalMillis(HEALTH_CHECK_INTERVAL_MILLIS);
    }

    /** The DCs of {@code settings.url()} in order: a DC that does not answer is skipped for the next one. */
    public static FailoverServerSet serverSet(LdapSettings settings) throws LDAPException {
        List<LDAPURL> urls = DcUrls.parse(settings.url());
        LDAPConnectionOptions options = options(settings);
        SSLSocketFactory tls = null;
        List<ServerSet> servers = new ArrayList<>();
        for (LDAPURL url : urls) {
            Transport transport = Transport.of(url, settings.allowPlainText());
            if (transport != Transport.PLAIN && tls == null) {
                tls = tlsSocketFactory(settings);
            }
            servers.add(server(url, transport, tls, options));
        }
        FailoverServerSet failover = new FailoverServerSet(servers);
        failover.setMaxFailoverConnectionAgeMillis(FAILOVER_CONNECTION_AGE_MILLIS);
        return failover;
    }

    private static SingleServerSet server(LDAPURL url, Transport transport, SSLSocketFactory tls,
            LDAPConnectionOptions options) {
        return switch (transport) {
            case TLS -> new SingleServerSet(url.getHost(), url.getPort(), tls, options);
            case START_TLS -> new SingleServerSet(url.getHost(), url.getPort(), null, options, null,
                    new StartTLSPostConnectProcessor(tls));
            case PLAIN -> {
                warnPlainTextOnce();
                yield new SingleServerSet(url.getHost(), url.getPort(), options);
            }
        };
    }

    private static void warnPlainTextOnce() {
        if (PLAIN_TEXT_WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "sspr.ldap.allow-plain-text is true: ldap:// URLs are used WITHOUT "
                    + "encryption, so passwords cross the network in clear. Use this for a lab only.");
        }
    }

    private static LDAPConnectionOptions options(LdapSettings settings) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        // Said explicitly, since a user's password check depends on it: an empty password is refused by the SDK
        // (LDAP would take it as an anonymous bind that "succeeds"). Auto-reconnect (which would bind again on a
        // lost connection) stays at its default, off.
        options.setBindWithDNRequiresPassword(true);
        return options;
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
