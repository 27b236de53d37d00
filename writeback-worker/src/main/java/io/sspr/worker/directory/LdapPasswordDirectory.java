package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.sspr.directory.AccountFilters;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.UserBind;
import io.sspr.events.ResultCode;
import io.sspr.events.crypto.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Password operations on AD / Samba over the service account's pooled connections.
 *
 * <p>A user change is ONE modify, {@code delete unicodePwd <old>} + {@code add unicodePwd <new>}, done on the
 * service account's connection. Tried against the Samba 4.17 DC of the local stack: the DC checks the old value
 * even for the Administrator (a wrong one fails with 19 and "00000056: ... The old password specified doesn't
 * match!"), applies the full policy (length, complexity, history) and records it as a change, exactly as Windows AD
 * does. So a change needs no bind as the user.
 *
 * <p>A password check (VERIFY_PASSWORD) is the one place a user's password opens a connection: one simple bind as
 * the user on a connection of its own ({@link #openBind}), closed right after, since only the DC can say whether a
 * password is right (without writing anything), and every attempt counts toward its lockout.
 *
 * <p>Before writing, a disabled account (and, for a change, a locked one) is refused from the state {@link #find}
 * read; see {@link AccountState} for what the DC itself does in those cases.
 */
public final class LdapPasswordDirectory implements PasswordDirectory, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LdapPasswordDirectory.class);
    private static final String UNICODE_PWD = "unicodePwd";
    private static final String[] ACCOUNT_ATTRIBUTES = {"objectGUID", "sAMAccountName", "userAccountControl",
            "msDS-User-Account-Control-Computed", "pwdLastSet"};

    /** An LDAP call on one connection. */
    @FunctionalInterface
    private interface OnConnection<T> {
        T call(LDAPConnection connection) throws LDAPException, DirectoryException;
    }

    private final LdapConnections connections;
    private final DN baseDn;
    private final RootDseFacts rootDse;

    /** With two write connections, as the worker runs by default ({@code sspr.ldap.write-connections}). */
    public LdapPasswordDirectory(LdapSettings settings) {
        this(settings, settings.withPoolSize(2));
    }

    /** Reads and writes on the same DCs and account, each with its own connections (see {@link LdapConnections}). */
    public LdapPasswordDirectory(LdapSettings reads, LdapSettings writes) {
        this.connections = new LdapConnections(reads, writes);
        this.rootDse = new RootDseFacts(connections.pool());
        try {
            this.baseDn = new DN(reads.baseDn());
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP base DN is malformed: " + reads.baseDn(), e);
        }
    }

    @Override
    public DirectoryAccount find(AccountRef ref) throws DirectoryException {
        return onPooled(connections.pool(), connection -> find(connection, ref));
    }

    @Override
    public DirectoryAccount findAt(String server, AccountRef ref) throws DirectoryException {
        Optional<LDAPURL> dc = server == null ? Optional.empty() : connections.configuredDc(server);
        if (dc.isEmpty()) {
            // Not recorded (a row from before V2), or the DC left sspr.ldap.url: gone for good, so any DC is asked.
            LOG.infof("the DC that wrote (%s) is not configured: asking the pool's DC", server);
            return find(ref);
        }
        LDAPConnection pooled = connections.pool().getConnection(dc.get().getHost(), dc.get().getPort());
        if (pooled != null) {
            return onCheckedOut(connections.pool(), pooled, connection -> find(connection, ref));
        }
        try (LDAPConnection single = connections.connectTo(dc.get())) {
            return find(single, ref);
        } catch (LDAPException e) {
            throw mapped(e);
        }
    }

    private DirectoryAccount find(LDAPConnection connection, AccountRef ref) throws LDAPException, DirectoryException {
        Filter filter = ref.objectGuid() != null ? AccountFilters.byObjectGuid(ref.objectGuid())
                : AccountFilters.byName(ref.username());
        SearchRequest request = new SearchRequest(baseDn.toString(), SearchScope.SUB, filter, ACCOUNT_ATTRIBUTES);
        request.setSizeLimit(2);
        List<SearchResultEntry> entries;
        try {
            entries = connection.search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode().equals(com.unboundid.ldap.sdk.ResultCode.SIZE_LIMIT_EXCEEDED)) {
                throw new DirectoryException(ResultCode.USER_AMBIGUOUS, "several accounts match", e);
            }
            throw e;
        }
        if (entries.isEmpty()) {
            throw new DirectoryException(ResultCode.USER_NOT_FOUND, "no account matches", null);
        }
        if (entries.size() > 1) {
            throw new DirectoryException(ResultCode.USER_AMBIGUOUS, "several accounts match", null);
        }
        SearchResultEntry entry = entries.get(0);
        return new DirectoryAccount(entry.getDN(), AccountFilters.guidText(entry.getAttributeValueBytes("objectGUID")),
                entry.getAttributeValue("sAMAccountName"), intValue(entry, "userAccountControl"),
                intValue(entry, "msDS-User-Account-Control-Computed"), pwdLastSet(entry),
                LdapConnections.server(connection));
    }

    private static long pwdLastSet(SearchResultEntry entry) {
        Long value = entry.getAttributeValueAsLong("pwdLastSet");
        return value == null ? 0 : value;
    }

    private static int intValue(SearchResultEntry entry, String attribute) {
        Integer value = entry.getAttributeValueAsInteger(attribute);
        return value == null ? 0 : value;
    }

    @Override
    public WriteSession openWrite() throws DirectoryException {
        try {
            return new LdapWriteSession(connections.writes().getConnection());
        } catch (LDAPException e) {
            throw mapped(e);
        }
    }

    /** One write connection; given back as it is, or dropped after a failure that left it unusable. */
    private final class LdapWriteSession implements WriteSession {
        private final LDAPConnection connection;
        private LDAPException failure;

        LdapWriteSession(LDAPConnection connection) {
            this.connection = connection;
        }

        @Override
        public String server() {
            return LdapConnections.server(connection);
        }

        @Override
        public long pwdLastSet(DirectoryAccount account) throws DirectoryException {
            try {
                SearchResultEntry entry = connection.getEntry(account.dn(), "pwdLastSet");
                if (entry == null) {
                    throw new DirectoryException(ResultCode.USER_NOT_FOUND, "no account matches", null);
                }
                return LdapPasswordDirectory.pwdLastSet(entry);
            } catch (LDAPException e) {
                failure = e;
                throw mapped(e);
            }
        }

        @Override
        public void change(DirectoryAccount account, Secret currentPassword, Secret newPassword)
                throws DirectoryException {
            AccountState.checkCanChange(account);
            byte[] oldValue = currentPassword.toUnicodePwd();
            byte[] newValue = newPassword.toUnicodePwd();
            try {
                modify(account.dn(), List.of(),
                        new Modification(ModificationType.DELETE, UNICODE_PWD, oldValue),
                        new Modification(ModificationType.ADD, UNICODE_PWD, newValue));
            } finally {
                Arrays.fill(oldValue, (byte) 0);
                Arrays.fill(newValue, (byte) 0);
            }
        }

        @Override
        public void reset(DirectoryAccount account, Secret newPassword, ResetOptions options)
                throws DirectoryException {
            AccountState.checkCanReset(account);
            List<Control> controls = options.selfService() ? policyHintsControls() : List.of();
            byte[] newValue = newPassword.toUnicodePwd();
            try {
                List<Modification> modifications = new ArrayList<>();
                modifications.add(new Modification(ModificationType.REPLACE, UNICODE_PWD, newValue));
                if (options.mustChangeAtNextLogon()) {
                    // Same modify: the user can never be left with the new password but without the must-change flag.
                    modifications.add(new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
                }
                modify(account.dn(), controls, modifications.toArray(Modification[]::new));
            } finally {
                Arrays.fill(newValue, (byte) 0);
            }
        }

        @Override
        public void unlock(DirectoryAccount account) throws DirectoryException {
            modify(account.dn(), List.of(), new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
        }

        private void modify(String userDn, List<Control> controls, Modification... modifications)
                throws DirectoryException {
            checkInScope(userDn);
            try {
                ModifyRequest request = new ModifyRequest(userDn, modifications);
                request.setControls(controls);
                connection.modify(request);
            } catch (LDAPException e) {
                failure = e;
                throw mapped(e);
            }
        }

        @Override
        public void close() {
            if (failure == null) {
                connections.writes().releaseConnection(connection);
            } else {
                connections.writes().releaseConnectionAfterException(connection, failure);
            }
        }
    }

    @Override
    public BindSession openBind() throws DirectoryException {
        try {
            return new LdapBindSession(connections.userBind());
        } catch (LDAPException e) {
            // Connecting failed (DC down, TLS refused): no bind was sent.
            throw mapped(e);
        }
    }

    /** One user bind, never repeated ({@link UserBind}); the connection is closed after it. */
    private final class LdapBindSession implements BindSession {
        private final UserBind bind;

        LdapBindSession(UserBind bind) {
            this.bind = bind;
        }

        @Override
        public String server() {
            return bind.server();
        }

        @Override
        public void bindOnce(DirectoryAccount account, Secret password) throws DirectoryException {
            checkInScope(account.dn());
            if (password.length() == 0) {
                // LDAP would take an empty password as an anonymous bind; it proves nothing, and is never sent.
                throw new DirectoryException(ResultCode.CURRENT_PASSWORD_WRONG, "an empty password is not sent", null);
            }
            byte[] utf8 = utf8(password);
            try {
                bind.bindOnce(account.dn(), utf8);
            } catch (LDAPException e) {
                ResultCode code = DirectoryErrorMapper.mapBind(e);
                if (code == ResultCode.CURRENT_PASSWORD_CONFIRMED) {
                    LOG.infof("the DC confirmed the password of %s, which has expired or must be changed (%s)",
                            account.dn(), DirectoryErrorMapper.textOf(e));
                    return;
                }
                throw new DirectoryException(code, DirectoryErrorMapper.textOf(e), e);
            } finally {
                Arrays.fill(utf8, (byte) 0);
            }
        }

        @Override
        public void close() {
            bind.close();
        }
    }

    /** A simple bind's password is its UTF-8 bytes; the intermediate copies are wiped. */
    private static byte[] utf8(Secret password) {
        char[] chars = password.chars();
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return bytes;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** A user's own change on a write connection of its own; the worker itself writes through {@link #openWrite}. */
    public void change(DirectoryAccount account, Secret currentPassword, Secret newPassword) throws DirectoryException {
        try (WriteSession session = openWrite()) {
            session.change(account, currentPassword, newPassword);
        }
    }

    /** A reset on a write connection of its own; the worker itself writes through {@link #openWrite}. */
    public void reset(DirectoryAccount account, Secret newPassword, ResetOptions options) throws DirectoryException {
        try (WriteSession session = openWrite()) {
            session.reset(account, newPassword, options);
        }
    }

    /** An unlock on a write connection of its own; the worker itself writes through {@link #openWrite}. */
    public void unlock(DirectoryAccount account) throws DirectoryException {
        try (WriteSession session = openWrite()) {
            session.unlock(account);
        }
    }

    /**
     * A self-service reset asks the DC to apply history as for a change; a DC that does not list the control
     * (Samba 4.17) would refuse it as critical, so it is then left out and the validator's checks are what remain.
     */
    private List<Control> policyHintsControls() throws DirectoryException {
        return rootDse.policyHintsOid().map(PolicyHints::control).map(List::of).orElse(List.of());
    }

    /** The policy-hints OID this DC lists, empty when none; for tests and diagnostics. */
    Optional<String> policyHintsOid() throws DirectoryException {
        return rootDse.policyHintsOid();
    }

    @Override
    public DirectoryHealth health() {
        return DcProbe.probe(connections.pool());
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

    /** Checks a connection out for one call (so the answer can name its DC), and back in. */
    private static <T> T onPooled(LDAPConnectionPool pool, OnConnection<T> call) throws DirectoryException {
        LDAPConnection connection;
        try {
            connection = pool.getConnection();
        } catch (LDAPException e) {
            throw mapped(e);
        }
        return onCheckedOut(pool, connection, call);
    }

    private static <T> T onCheckedOut(LDAPConnectionPool pool, LDAPConnection connection, OnConnection<T> call)
            throws DirectoryException {
        try {
            T result = call.call(connection);
            pool.releaseConnection(connection);
            return result;
        } catch (LDAPException e) {
            // Dropped when the failure left it unusable (the pool would have done the same inside search()).
            pool.releaseConnectionAfterException(connection, e);
            throw mapped(e);
        } catch (DirectoryException | RuntimeException e) {
            pool.releaseConnection(connection);
            throw e;
        }
    }

    private static DirectoryException mapped(LDAPException e) {
        return new DirectoryException(DirectoryErrorMapper.map(e), DirectoryErrorMapper.textOf(e), e);
    }

    @Override
    public void close() {
        connections.close();
    }
}
