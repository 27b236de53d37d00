package io.sspr.worker.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.StackDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the directory service accounts of {@code deploy/local/stack} may do on the real Samba AD DC, and what the DC
 * refuses them, with LDAP's own result codes.
 *
 * <p>{@code svc-sspr-writeback} (the worker) holds, on CN=Users for descendant user objects only, Reset Password,
 * Change Password, write pwdLastSet, write lockoutTime and read: it resets, changes, unlocks and sets must-change on a
 * normal user, and nothing else (no other attribute, no group membership, no protected account, no account outside
 * CN=Users, no new or deleted object). {@code svc-sspr-reader} (the validator, the worker's sync) writes nothing.
 * Every object a test creates is created and deleted by the administrator.
 */
class ServiceAccountRightsIT {
    private static final String INITIAL = "Rights-Start-7q!";
    /** userAccountControl: DONT_EXPIRE_PASSWORD, ACCOUNTDISABLE. */
    private static final int DONT_EXPIRE_PASSWORD = 0x10000;
    private static final int ACCOUNTDISABLE = 0x2;

    private static String baseDn;
    private static String writebackDn;
    private static String readerDn;
    private static LDAPConnectionPool admin;
    private static LDAPConnectionPool writeback;
    private static LDAPConnectionPool reader;

    private final List<String> created = new ArrayList<>();
    private String userDn;
    private String groupDn;

    @BeforeAll
    static void connect() throws LDAPException {
        RealParts.require("LDAP_URL", "LDAP_CA_FILE", "LDAP_BASE_DN", "LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD",
                "LDAP_WRITEBACK_DN", "LDAP_WRITEBACK_PASSWORD", "LDAP_READER_DN", "LDAP_READER_PASSWORD");
        baseDn = StackDirectory.baseDn();
        LdapSettings writebackAccount = StackDirectory.writeback();
        LdapSettings readerAccount = StackDirectory.reader();
        writebackDn = writebackAccount.bindDn();
        readerDn = readerAccount.bindDn();
        admin = pool(StackDirectory.admin());
        writeback = pool(writebackAccount);
        reader = pool(readerAccount);
    }

    @AfterAll
    static void disconnect() {
        for (LDAPConnectionPool pool : new LDAPConnectionPool[] {admin, writeback, reader}) {
            if (pool != null) {
                pool.close();
            }
        }
    }

    @BeforeEach
    void createUserAndGroup() throws LDAPException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        userDn = "CN=rights-" + suffix + ",CN=Users," + baseDn;
        admin.add(new AddRequest(userDn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", "rights-" + suffix),
                new Attribute("description", "set by the administrator"),
                new Attribute("unicodePwd", unicodePwd(INITIAL)),
                new Attribute("userAccountControl", "512")));
        created.add(userDn);
        groupDn = "CN=rights-group-" + suffix + ",CN=Users," + baseDn;
        admin.add(new AddRequest(groupDn,
                new Attribute("objectClass", "top", "group"),
                new Attribute("sAMAccountName", "rights-group-" + suffix)));
        created.add(groupDn);
    }

    @AfterEach
    void deleteCreated() {
        StackDirectory.deleteNewestFirst(admin, created);
    }

    // ------------------------------------------------------------------ what the writeback account may do

    @Test
    void writebackResetsAPasswordAndSetsMustChangeInOneModify() throws Exception {
        writeback.modify(userDn,
                new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd("Rights-Reset-8w!")),
                new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));

        assertEquals(0L, admin.getEntry(userDn, "pwdLastSet").getAttributeValueAsLong("pwdLastSet"),
                "must change at next logon");
        // Bound with the new password, the DC answers "must change" (data 773), not "bad credentials" (data 52e)
        LDAPException bind = assertThrows(LDAPException.class, () -> StackDirectory.bindAs(userDn, "Rights-Reset-8w!"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, bind.getResultCode());
        assertTrue(bind.getDiagnosticMessage().contains("data 773"), bind.getDiagnosticMessage());
    }

    @Test
    void writebackChangesAPasswordWithTheCurrentOne() throws Exception {
        writeback.modify(userDn,
                new Modification(ModificationType.DELETE, "unicodePwd", unicodePwd(INITIAL)),
                new Modification(ModificationType.ADD, "unicodePwd", unicodePwd("Rights-Change-9e!")));

        StackDirectory.bindAs(userDn, "Rights-Change-9e!").close();
    }

    @Test
    void writebackUnlocksAndWritesPwdLastSet() throws LDAPException {
        writeback.modify(userDn, new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
        writeback.modify(userDn, new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
        writeback.modify(userDn, new Modification(ModificationType.REPLACE, "pwdLastSet", "-1"));

        assertNotEquals0(admin.getEntry(userDn, "pwdLastSet").getAttributeValueAsLong("pwdLastSet"));
    }

    @Test
    void writebackReadsWhatTheWorkerReads() throws LDAPException {
        SearchResultEntry entry = writeback.getEntry(userDn, "objectGUID", "sAMAccountName", "userAccountControl",
                "msDS-User-Account-Control-Computed", "pwdLastSet");
        for (String attribute : List.of("objectGUID", "sAMAccountName", "userAccountControl",
                "msDS-User-Account-Control-Computed", "pwdLastSet")) {
            assertTrue(entry.hasAttribute(attribute), attribute);
        }
    }

    // ------------------------------------------------------------------ what it may not

    @Test
    void writebackCannotAddItselfToAGroup() {
        refused(() -> writeback.modify(groupDn, new Modification(ModificationType.ADD, "member", writebackDn)));
        refused(() -> writeback.modify("CN=Domain Admins,CN=Users," + baseDn,
                new Modification(ModificationType.ADD, "member", writebackDn)));
        refused(() -> writeback.modify(groupDn, new Modification(ModificationType.REPLACE, "description", "x")));
    }

    @Test
    void writebackCannotWriteAnyOtherAttributeOfAUser() throws LDAPException {
        refused(() -> writeback.modify(userDn, new Modification(ModificationType.REPLACE, "description", "changed")));
        refused(() -> writeback.modify(userDn,
                new Modification(ModificationType.REPLACE, "telephoneNumber", "+41 44 000 00 00")));
        refused(() -> writeback.modify(userDn, new Modification(ModificationType.REPLACE, "userAccountControl",
                Integer.toString(512 | DONT_EXPIRE_PASSWORD))));
        refused(() -> writeback.modify(userDn, new Modification(ModificationType.REPLACE, "userAccountControl", "514")));
        refused(() -> writeback.modify(userDn, new Modification(ModificationType.REPLACE, "mail", "x@example.test")));
        // Allowed and refused together: the whole modify is refused, the allowed part is not applied
        refused(() -> writeback.modify(userDn, new Modification(ModificationType.REPLACE, "pwdLastSet", "0"),
                new Modification(ModificationType.REPLACE, "description", "changed")));

        SearchResultEntry after = admin.getEntry(userDn, "description", "telephoneNumber", "userAccountControl",
                "pwdLastSet");
        assertEquals("set by the administrator", after.getAttributeValue("description"));
        assertNull(after.getAttributeValue("telephoneNumber"));
        assertEquals(512, after.getAttributeValueAsInteger("userAccountControl"));
        assertNotEquals0(after.getAttributeValueAsLong("pwdLastSet"));
    }

    @Test
    void writebackCannotResetOrUnlockAProtectedAccount() throws LDAPException {
        String administrator = "CN=Administrator,CN=Users," + baseDn;
        assertEquals(1, admin.getEntry(administrator, "adminCount").getAttributeValueAsInteger("adminCount"));

        refused(() -> writeback.modify(administrator,
                new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd("Taken-Over-1x!"))));
        refused(() -> writeback.modify(administrator, new Modification(ModificationType.REPLACE, "pwdLastSet", "0")));
        refused(() -> writeback.modify(administrator, new Modification(ModificationType.REPLACE, "lockoutTime", "0")));
        refused(() -> writeback.modify("CN=krbtgt,CN=Users," + baseDn,
                new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd("Taken-Over-1x!"))));
    }

    @Test
    void writebackCannotResetAnAccountOutsideCnUsers() {
        // The reader lives in the service accounts' OU, outside the delegation
        refused(() -> writeback.modify(readerDn,
                new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd("Taken-Over-1x!"))));
        refused(() -> writeback.modify(readerDn, new Modification(ModificationType.REPLACE, "pwdLastSet", "0")));
    }

    @Test
    void writebackCannotCreateOrDeleteObjects() {
        String extra = "CN=rights-extra-" + UUID.randomUUID().toString().substring(0, 8) + ",CN=Users," + baseDn;
        created.add(extra);
        refused(() -> writeback.add(new AddRequest(extra,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", extra.substring(3, extra.indexOf(','))))));
        refused(() -> writeback.delete(userDn));
        refused(() -> writeback.modifyDN(userDn, "CN=renamed-" + UUID.randomUUID().toString().substring(0, 8), true));
    }

    @Test
    void writebackCannotChangeTheDomainPolicy() {
        refused(() -> writeback.modify(baseDn, new Modification(ModificationType.REPLACE, "minPwdLength", "1")));
    }

    // ------------------------------------------------------------------ the reader writes nothing

    /**
     * Every write the writeback account may do, and more, refused to the reader. (A change that names the current
     * password is left out: AD grants Change Password to Everyone on every user, so any account that knows a
     * password may change it; that right is the user's, not the reader's.)
     */
    @Test
    void readerWritesNothing() throws LDAPException {
        refused(() -> reader.modify(userDn,
                new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd("Rights-Reset-8w!"))));
        refused(() -> reader.modify(userDn, new Modification(ModificationType.REPLACE, "pwdLastSet", "0")));
        refused(() -> reader.modify(userDn, new Modification(ModificationType.REPLACE, "lockoutTime", "0")));
        refused(() -> reader.modify(userDn, new Modification(ModificationType.REPLACE, "description", "changed")));
        refused(() -> reader.modify(userDn, new Modification(ModificationType.REPLACE, "userAccountControl", "514")));
        refused(() -> reader.modify(groupDn, new Modification(ModificationType.ADD, "member", readerDn)));
        refused(() -> reader.modify(baseDn, new Modification(ModificationType.REPLACE, "minPwdLength", "1")));
        refused(() -> reader.modify(writebackDn,
                new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd("Taken-Over-1x!"))));
        refused(() -> reader.modify("CN=Password Settings Container,CN=System," + baseDn,
                new Modification(ModificationType.REPLACE, "description", "changed")));
        String extra = "CN=rights-extra-" + UUID.randomUUID().toString().substring(0, 8) + ",CN=Users," + baseDn;
        created.add(extra);
        refused(() -> reader.add(new AddRequest(extra, new Attribute("objectClass", "top", "group"))));
        refused(() -> reader.delete(userDn));

        assertEquals("set by the administrator", admin.getEntry(userDn, "description").getAttributeValue("description"));
    }

    // ------------------------------------------------------------------ the accounts themselves

    @Test
    void serviceAccountsAreOrdinaryNeverExpiringAccountsOutsideCnUsers() throws LDAPException {
        DN users = new DN("CN=Users," + baseDn);
        for (String dn : List.of(writebackDn, readerDn)) {
            SearchResultEntry account = admin.getEntry(dn, "memberOf", "primaryGroupID", "adminCount",
                    "userAccountControl", "accountExpires");
            assertNotNull(account, dn);
            assertFalse(new DN(dn).isDescendantOf(users, false), dn + " is outside the delegated container");
            assertFalse(account.hasAttribute("memberOf"), dn + " is in no group but its primary one");
            assertEquals(513, account.getAttributeValueAsInteger("primaryGroupID"), "Domain Users");
            assertFalse(account.hasAttribute("adminCount"), dn + " is not a protected (privileged) account");
            int control = account.getAttributeValueAsInteger("userAccountControl");
            assertEquals(0, control & ACCOUNTDISABLE, dn + " is enabled");
            assertEquals(DONT_EXPIRE_PASSWORD, control & DONT_EXPIRE_PASSWORD, dn + ": its password never expires");
            long expires = account.getAttributeValueAsLong("accountExpires");
            assertTrue(expires == 0 || expires == Long.MAX_VALUE, dn + ": the account never expires");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void refused(Executable write) {
        LDAPException e = assertThrows(LDAPException.class, write);
        assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, e.getResultCode(), e.getMessage());
    }

    private static void assertNotEquals0(Long pwdLastSet) {
        assertNotNull(pwdLastSet);
        assertTrue(pwdLastSet != 0, "pwdLastSet is a time, not 0");
    }

    private static byte[] unicodePwd(String password) {
        return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    }

    /** One connection, bound as the account at once. */
    private static LDAPConnectionPool pool(LdapSettings account) throws LDAPException {
        return SecureLdap.pool(account.withPoolSize(1), "rights-it", 1);
    }
}
