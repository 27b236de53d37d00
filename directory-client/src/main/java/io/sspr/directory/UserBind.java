package io.sspr.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SimpleBindRequest;

/**
 * One connection to a DC, connected and secured as every connection of {@link SecureLdap} (verified TLS or
 * StartTLS, failover across the configured DCs) but bound as nobody yet, for exactly one simple bind as a user: the
 * directory's own check of that user's password. Every bind attempt counts toward AD's lockout (a wrong one raises
 * {@code badPwdCount}), so nothing here ever binds twice: not the SDK (a single connection with no auto-reconnect, no
 * pool that would retry on a fresh connection) and not a caller ({@link #bindOnce} refuses a second call).
 *
 * <p>The two steps are separate on purpose. {@link SecureLdap#userBind} connects: when it fails no bind was sent, and
 * trying again is harmless. {@link #bindOnce} sends the bind: when it fails without the DC's answer (connection lost,
 * timeout), the DC may have counted it, and the caller must not try again blindly. {@link #server()} names the DC in
 * between, so a caller can record where the bind goes before it is sent.
 */
public final class UserBind implements AutoCloseable {
    private final LDAPConnection connection;
    private boolean sent;

    UserBind(LDAPConnection connection) {
        this.connection = connection;
    }

    /** The DC this connection reached, as host:port. */
    public String server() {
        return connection.getConnectedAddress() + ":" + connection.getConnectedPort();
    }

    /**
     * Binds as the user, once. Returns normally when the DC accepted the password.
     *
     * @param password the password's UTF-8 bytes (what AD and Samba expect of a simple bind); the caller wipes them
     * @throws IllegalArgumentException for an empty password, which LDAP would take as an unauthenticated bind that
     *         "succeeds"; nothing is sent
     * @throws IllegalStateException when this connection was already used for a bind; nothing is sent
     * @throws LDAPException the DC's refusal (invalid credentials with AD's data code in the diagnostic: 52e, 775,
     *         773 ...), or a failure after the bind was sent, whose outcome is unknown
     */
    public void bindOnce(String userDn, byte[] password) throws LDAPException {
        if (userDn == null || userDn.isBlank()) {
            throw new IllegalArgumentException("a user bind needs the user's DN");
        }
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("an empty password is never sent: LDAP reads it as an anonymous bind");
        }
        if (sent) {
            throw new IllegalStateException("this connection already sent its one bind");
        }
        sent = true;
        connection.bind(new SimpleBindRequest(userDn, password));
    }

    /** Closes the connection (unbinds): it is never used for anything after the user's bind. */
    @Override
    public void close() {
        connection.close();
    }
}
