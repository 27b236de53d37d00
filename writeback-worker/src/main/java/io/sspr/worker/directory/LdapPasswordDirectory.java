package io.sspr.worker.directory;

import io.sspr.directory.LdapSettings;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import io.sspr.events.ResultCode;
import io.sspr.events.crypto.Secret;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.sspr.directory.AccountFilters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Password operations on AD / Samba over the service account's pooled connections.
 *
 * <p>A user change is ONE modify, {@code delete unicodePwd <old>} + {@code add unicodePwd <new>}, done on the
 * service account's connection. Tried against the Samba 4.17 DC of the local stack: the DC checks the old value
 * even for the Administrator (a wrong one fails with 19 and "00000056: ... The old password specified doesn't
 * match!"), applies the full policy (length, complexity, history) and records it as a change, exactly as Windows AD
 * does. So no bind as the user is needed, and the user's current password never opens a connection of its own.
 *
 * <p>Before writing, a disabled account (and, for a change, a locked one) is refused from the state {@link #find}
 * read; see {@link AccountState} for what the DC itself does in those cases.
 */
public final class LdapPasswordDirectory implements PasswordDirectory, AutoCloseable {
    private static final String UNICODE_PWD = "unicodePwd";
    private static final String[] ACCOUNT_ATTRIBUTES = {"objectGUID", "sAMAccountName", "userAccountControl",
            "msDS-User-Account-Control-Computed", "pwdLastSet"};

    private final LdapConnections connections;
    private final DN baseDn;
    private final RootDseFacts rootDse;

    /** With two write connections, as the worker runs by default ({@code sspr.ldap.write-connections}). */
    public LdapPasswordDirectory(LdapSettings settings) {
        this(settings, 2);
    }

    public LdapPasswordDirectory(LdapSettings settings, int writeConnections) {
        this.connections = new LdapConnections(settings, writeConnections);
        this.rootDse = new RootDseFacts(connections.pool());
        try {
            this.baseDn = new DN(settings.baseDn());
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP base DN is malformed: " + settings.baseDn(), e);
        }
    }

    @Override
    public DirectoryAccount find(AccountRef ref) throws DirectoryException {
        Filter filter = ref.objectGuid() != null ? AccountFilters.byObjectGuid(ref.objectGuid())
                : AccountFilters.byName(ref.username());
        SearchRequest request = new SearchRequest(baseDn.toString(), SearchScope.SUB, filter, ACCOUNT_ATTRIBUTES);
        request.setSizeLimit(2);
        List<SearchResultEntry> entries;
        try {
            entries = connections.pool().search(request).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode().equals(com.unboundid.ldap.sdk.ResultCode.SIZE_LIMIT_EXCEEDED)) {
                throw new DirectoryException(ResultCode.USER_AMBIGUOUS, "several accounts match", e);
            }
            throw new DirectoryException(DirectoryErrorMapper.map(e), DirectoryErrorMapper.textOf(e), e);
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
                intValue(entry, "msDS-User-Account-Control-Computed"),
                entry.getAttributeValueAsLong("pwdLastSet") == null ? 0 : entry.getAttributeValueAsLong("pwdLastSet"));
    }

    private static int intValue(SearchResultEntry entry, String attribute) {
        Integer value = entry.getAttributeValueAsInteger(attribute);
        return value == null ? 0 : value;
    }

    @Override
    public void change(DirectoryAccount account, Secret currentPassword, Secret newPassword) throws DirectoryException {
        AccountState.checkCanChange(account);
        String userDn = account.dn();
        byte[] oldValue = currentPassword.toUnicodePwd();
        byte[] newValue = newPassword.toUnicodePwd();
        try {
            modify(userDn, List.of(),
                    new Modification(ModificationType.DELETE, UNICODE_PWD, oldValue),
                    new Modification(ModificationType.ADD, UNICODE_PWD, newValue));
        } finally {
            Arrays.fill(oldValue, (byte) 0);
            Arrays.fill(newValue, (byte) 0);
        }
    }

    @Override
    public void reset(DirectoryAccount account, Secret newPassword, ResetOptions options) throws DirectoryException {
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
    public void unlock(DirectoryAccount account) throws DirectoryException {
        modify(account.dn(), List.of(), new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
    }

    @Override
    public DirectoryHealth health() {
        return DcProbe.probe(connections.pool());
    }

    private void modify(String userDn, List<Control> controls, Modification... modifications)
            throws DirectoryException {
        checkInScope(userDn);
        try {
            ModifyRequest request = new ModifyRequest(userDn, modifications);
            request.setControls(controls);
            connections.writes().modify(request);
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
