package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import io.sspr.directory.DcUrls;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;
import io.sspr.directory.UserBind;
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

    /**
     * Password writes have their own few connections ({@code sspr.ldap.write-connections}, 2; see
     * {@link SecureLdap#writePool}): a second one means the next write is already waiting at the DC when one ends.
     * Finds and health checks use the read pool, so they never wait behind writes.
     */
    public LdapConnections(LdapSettings reads, LdapSettings writeSettings) {
        this.settings = reads;
        try {
            dcs = DcUrls.parse(reads.url());
            // No connection at start: the worker comes up (and reports not ready) while the DC is down.
            pool = SecureLdap.readPool(reads, "sspr-writeback");
            writes = SecureLdap.writePool(writeSettings, "sspr-writeback-writes");
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the LDAP connection pools: " + e.getMessage(), e);
        }
    }

    /** The connections for password writes. */
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
        LDAPConnection connection = SecureLdap.serverSet(settings.withUrl(dc.toString())).getConnection();
        try {
            connection.bind(new SimpleBindRequest(settings.bindDn(), settings.bindPassword()));
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * A connection for one user's bind, to the first configured DC that answers, secured like the pool's and bound as
     * nobody (see {@link SecureLdap#userBind}).
     */
    public UserBind userBind() throws LDAPException {
        return SecureLdap.userBind(settings);
    }

    @Override
    public void close() {
        writes.close();
        pool.close();
    }
}
