package io.sspr.worker.directory;

import io.sspr.directory.LdapSettings;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import io.sspr.events.ResultCode;
import io.sspr.events.crypto.Secret;
import java.util.Arrays;

/**
 * Password operations on AD / Samba over the service account's pooled connections.
 *
 * <p>A user change is ONE modify, {@code delete unicodePwd <old>} + {@code add unicodePwd <new>}, done on the
 * service account's connection. Tried against the Samba 4.17 DC of the local stack: the DC checks the old value
 * even for the Administrator (a wrong one fails with 19 and "00000056: ... The old password specified doesn't
 * match!"), applies the full policy (length, complexity, history) and records it as a change, exactly as Windows AD
 * does. So no bind as the user is needed, and the user's current password never opens a connection of its own.
 */
public final class LdapPasswordDirectory implements PasswordDirectory, AutoCloseable {
    private static final String UNICODE_PWD = "unicodePwd";

    private final LdapConnections connections;
    private final DN baseDn;

    public LdapPasswordDirectory(LdapSettings settings) {
        this.connections = new LdapConnections(settings);
        try {
            this.baseDn = new DN(settings.baseDn());
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP base DN is malformed: " + settings.baseDn(), e);
        }
    }

    @Override
    public void change(String userDn, Secret currentPassword, Secret newPassword) throws DirectoryException {
        byte[] oldValue = currentPassword.toUnicodePwd();
        byte[] newValue = newPassword.toUnicodePwd();
        try {
            modify(userDn,
                    new Modification(ModificationType.DELETE, UNICODE_PWD, oldValue),
                    new Modification(ModificationType.ADD, UNICODE_PWD, newValue));
        } finally {
            Arrays.fill(oldValue, (byte) 0);
            Arrays.fill(newValue, (byte) 0);
        }
    }

    @Override
    public void reset(String userDn, Secret newPassword) throws DirectoryException {
        byte[] newValue = newPassword.toUnicodePwd();
        try {
            modify(userDn, new Modification(ModificationType.REPLACE, UNICODE_PWD, newValue));
        } finally {
            Arrays.fill(newValue, (byte) 0);
        }
    }

    @Override
    public void unlock(String userDn) throws DirectoryException {
        modify(userDn, new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
    }

    @Override
    public boolean isReachable() {
        try {
            return connections.pool().getEntry("") != null;
        } catch (LDAPException e) {
            return false;
        }
    }

    private void modify(String userDn, Modification... modifications) throws DirectoryException {
        checkInScope(userDn);
        try {
            connections.pool().modify(new ModifyRequest(userDn, modifications));
        } catch (LDAPException e) {
            throw new DirectoryException(DirectoryErrorMapper.map(e), DirectoryErrorMapper.textOf(e), e);
        }
    }

    /** The DN comes from a signed event, but the worker still writes nothing outside the configured base. */
    private void checkInScope(String userDn) throws DirectoryException {
        DN dn;
        try {
            dn = new DN(userDn);
        } catch (LDAPException e) {
            throw new DirectoryException(ResultCode.USER_NOT_FOUND, "user DN is malformed", null);
        }
        if (!dn.isDescendantOf(baseDn, false)) {
            throw new DirectoryException(ResultCode.ACCESS_DENIED, "user DN is outside " + baseDn, null);
        }
    }

    @Override
    public void close() {
        connections.close();
    }
}
