package io.sspr.worker.directory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.cert.ManageCertificates;
import io.sspr.directory.AccountFilters;
import io.sspr.directory.LdapSettings;
import io.sspr.events.ResultCode;
import io.sspr.events.crypto.Secret;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.StackDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory class against the real Samba AD DC of deploy/local/stack (no Kafka): each test gets a fresh user
 * with a random name; everything a test creates (users, fine-grained password policies applying only to them) is
 * deleted afterwards. Domain-wide settings are never changed.
 */
class LdapPasswordDirectoryIT {
    private static final String INITIAL = "Pass-w0rd!x";
    private static final ResetOptions ADMIN_RESET = new ResetOptions(false, false);
    /** One day in AD's negative 100-ns intervals. */
    private static final String ONE_DAY = "-864000000000";

    private static LdapSettings settings;
    private static LdapPasswordDirectory directory;
    private static LDAPConnection admin;

    /** Deleted in reverse order, so a policy goes before the user it applies to. */
    private final List<String> createdDns = new ArrayList<>();
    private TestUser user;
    private String userDn;

    private record TestUser(String dn, String name) {
    }

    @BeforeAll
    static void connect() throws Exception {
        RealParts.require("LDAP_URL", "LDAP_CA_FILE", "LDAP_BASE_DN", "LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD",
                "LDAP_WRITEBACK_DN", "LDAP_WRITEBACK_PASSWORD");
        // The worker's own writeback account, so these tests prove its delegated rights suffice.
        settings = StackDirectory.writeback();
        directory = new LdapPasswordDirectory(settings);
        LdapSettings administrator = StackDirectory.admin();
        admin = StackDirectory.bindAs(administrator.bindDn(), administrator.bindPassword());
    }

    @AfterAll
    static void disconnect() {
        if (directory != null) {
            directory.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @BeforeEach
    void createUser() throws LDAPException {
        user = createUserWith(INITIAL);
        userDn = user.dn();
    }

    @AfterEach
    void deleteCreatedObjects() {
        StackDirectory.deleteNewestFirst(admin, createdDns);
    }

    /**
     * Samba ("old password allowed period", 60 minutes by default) still accepts the immediately previous
     * password in a simple bind after a change or reset; it is no longer the current password (a change that
     * names it fails), and one change later it stops working altogether.
     */
    @Test
    void changeWithTheRightCurrentPasswordSetsTheNewOne() throws Exception {
        directory.change(found(user), Secret.of(INITIAL), Secret.of("Chang3d-pass!"));

        assertTrue(canBind(userDn, "Chang3d-pass!"), "the new password works");
        DirectoryException stale = assertThrows(DirectoryException.class,
                () -> directory.change(found(user), Secret.of(INITIAL), Secret.of("Other-pass9!")));
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, stale.code(), "the old password is no longer current");

        directory.change(found(user), Secret.of("Chang3d-pass!"), Secret.of("Chang3d-again!"));
        assertTrue(canBind(userDn, "Chang3d-again!"));
        assertFalse(canBind(userDn, INITIAL), "the password before the previous one no longer works");
    }

    /** Samba checks the old value even on the Administrator's connection (00000056), as AD does. */
    @Test
    void changeWithAWrongCurrentPasswordIsRefused() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(found(user), Secret.of("Wrong-pass1!"), Secret.of("Chang3d-pass!")));

        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, e.code(), e.diagnostic());
        assertTrue(e.diagnostic().startsWith("00000056"), e.diagnostic());
        assertTrue(canBind(userDn, INITIAL), "nothing changed");
    }

    @Test
    void aTooShortPasswordIsRefusedAsTooShort() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(found(user), Secret.of(INITIAL), Secret.of("Ab1!x")));

        assertEquals(ResultCode.PASSWORD_TOO_SHORT, e.code(), e.diagnostic());
    }

    @Test
    void aPasswordWithoutThreeCategoriesIsRefusedAsNotComplex() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(found(user), Secret.of(INITIAL), Secret.of("alllowercaseletters")));

        assertEquals(ResultCode.PASSWORD_NOT_COMPLEX, e.code(), e.diagnostic());
    }

    @Test
    void aRecentPasswordIsRefusedAsInHistory() throws Exception {
        directory.change(found(user), Secret.of(INITIAL), Secret.of("Chang3d-pass!"));

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(found(user), Secret.of("Chang3d-pass!"), Secret.of(INITIAL)));

        assertEquals(ResultCode.PASSWORD_IN_HISTORY, e.code(), e.diagnostic());
    }

    /** The domain has no minimum age here; a policy with one day, on this user only, makes the second change early. */
    @Test
    void aSecondChangeWithinTheMinimumAgeIsRefusedAsTooYoung() throws Exception {
        directory.change(found(user), Secret.of(INITIAL), Secret.of("Chang3d-pass!"));
        createPso(user, ONE_DAY, 0);

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(found(user), Secret.of("Chang3d-pass!"), Secret.of("Chang3d-again!")));

        assertEquals(ResultCode.PASSWORD_TOO_YOUNG, e.code(), e.diagnostic());
        assertTrue(canBind(userDn, "Chang3d-pass!"), "nothing changed");
    }

    @Test
    void resetReplacesThePasswordWithoutTheCurrentOne() throws Exception {
        directory.reset(found(user), Secret.of("Res3t-pass!"), ADMIN_RESET);
        assertTrue(canBind(userDn, "Res3t-pass!"));

        directory.reset(found(user), Secret.of("Res3t-again!"), ADMIN_RESET);
        assertTrue(canBind(userDn, "Res3t-again!"));
        assertFalse(canBind(userDn, INITIAL), "see the previous-password window above");
    }

    @Test
    void resetIsStillSubjectToThePolicy() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.reset(found(user), Secret.of("short"), ADMIN_RESET));

        assertEquals(ResultCode.PASSWORD_TOO_SHORT, e.code(), e.diagnostic());
    }

    @Test
    void mustChangeAtNextLogonSetsPwdLastSetToZeroInTheSameReset() throws Exception {
        assertNotEquals(0L, found(user).pwdLastSet());

        directory.reset(found(user), Secret.of("Res3t-pass!"), new ResetOptions(false, true));

        assertEquals(0L, found(user).pwdLastSet());
        assertEquals(0L, admin.getEntry(userDn, "pwdLastSet").getAttributeValueAsLong("pwdLastSet"));
    }

    /**
     * Samba 4.17 does not list the policy-hints control, and would refuse it as critical (result 12): a self-service
     * reset there must go without it, and succeed.
     */
    @Test
    void aSelfServiceResetOnSambaIsSentWithoutThePolicyHintsControl() throws Exception {
        assertTrue(directory.policyHintsOid().isEmpty(), "Samba 4.17 lists no policy-hints control");

        directory.reset(found(user), Secret.of("Res3t-pass!"), new ResetOptions(true, false));

        assertTrue(canBind(userDn, "Res3t-pass!"));
    }

    @Test
    void unlockClearsTheLockoutTime() throws Exception {
        directory.unlock(found(user));

        assertEquals("0", admin.getEntry(userDn, "lockoutTime").getAttributeValue("lockoutTime"));
    }

    @Test
    void aLockedOutAccountCannotChangeItsPasswordButUnlockFreesIt() throws Exception {
        DirectoryAccount beforeLockout = found(user);
        createPso(user, "0", 2);
        lockOut(user);

        DirectoryAccount locked = found(user);
        assertTrue(locked.locked());
        DirectoryException refused = assertThrows(DirectoryException.class,
                () -> directory.change(locked, Secret.of(INITIAL), Secret.of("Chang3d-pass!")));
        assertEquals(ResultCode.ACCOUNT_LOCKED, refused.code(), refused.diagnostic());

        // Locked between find and change: Samba refuses by itself (00000775), with the same code.
        DirectoryException bySamba = assertThrows(DirectoryException.class,
                () -> directory.change(beforeLockout, Secret.of(INITIAL), Secret.of("Chang3d-pass!")));
        assertEquals(ResultCode.ACCOUNT_LOCKED, bySamba.code(), bySamba.diagnostic());
        assertTrue(bySamba.diagnostic().startsWith("00000775"), bySamba.diagnostic());

        directory.unlock(found(user));
        assertFalse(found(user).locked());
        directory.change(found(user), Secret.of(INITIAL), Secret.of("Chang3d-pass!"));
        assertTrue(canBind(userDn, "Chang3d-pass!"));
    }

    @Test
    void aDisabledAccountIsNeitherChangedNorReset() throws Exception {
        disable(user);
        DirectoryAccount disabled = found(user);
        assertTrue(disabled.disabled());

        DirectoryException change = assertThrows(DirectoryException.class,
                () -> directory.change(disabled, Secret.of(INITIAL), Secret.of("Chang3d-pass!")));
        DirectoryException reset = assertThrows(DirectoryException.class,
                () -> directory.reset(disabled, Secret.of("Res3t-pass!"), ADMIN_RESET));

        assertEquals(ResultCode.ACCOUNT_DISABLED, change.code());
        assertEquals(ResultCode.ACCOUNT_DISABLED, reset.code());
        assertEquals(disabled.pwdLastSet(), found(user).pwdLastSet(), "nothing was written");
    }

    /**
     * Why the class checks before writing: Samba 4.17 itself sets the password of a disabled account. (If this
     * starts failing, Samba refuses by itself now; map its answer to ACCOUNT_DISABLED.)
     */
    @Test
    void sambaItselfWouldResetADisabledAccount() throws Exception {
        DirectoryAccount beforeDisable = found(user);
        disable(user);

        assertDoesNotThrow(() -> directory.reset(beforeDisable, Secret.of("Res3t-pass!"), ADMIN_RESET));
        assertNotEquals(beforeDisable.pwdLastSet(), found(user).pwdLastSet());
    }

    /** A service account without the Reset Password right: Samba answers 50 (insufficient access). */
    @Test
    void aServiceAccountWithoutRightsIsDeniedAccess() throws Exception {
        TestUser plain = createUserWith("Plain-serv1ce!");
        LdapSettings asPlainUser = StackDirectory.as(plain.dn(), "Plain-serv1ce!").withPoolSize(1);

        try (LdapPasswordDirectory unprivileged = new LdapPasswordDirectory(asPlainUser)) {
            DirectoryAccount target = unprivileged.find(new AccountRef(null, user.name()));
            DirectoryException reset = assertThrows(DirectoryException.class,
                    () -> unprivileged.reset(target, Secret.of("Res3t-pass!"), ADMIN_RESET));
            DirectoryException unlock = assertThrows(DirectoryException.class, () -> unprivileged.unlock(target));

            assertEquals(ResultCode.ACCESS_DENIED, reset.code(), reset.diagnostic());
            assertEquals(ResultCode.ACCESS_DENIED, unlock.code(), unlock.diagnostic());
        }
        assertTrue(canBind(userDn, INITIAL), "nothing changed");
    }

    @Test
    void findByObjectGuidAndByEitherName() throws Exception {
        DirectoryAccount byName = directory.find(new AccountRef(null, user.name()));
        DirectoryAccount byUpn = directory.find(new AccountRef(null, user.name() + "@example.test"));
        DirectoryAccount byGuid = directory.find(new AccountRef(byName.objectGuid(), "ignored-when-a-guid-is-given"));

        assertEquals(userDn.toLowerCase(), byName.dn().toLowerCase());
        assertEquals(byName, byUpn);
        assertEquals(byName, byGuid);
        assertEquals(user.name(), byGuid.accountName());
        assertEquals(objectGuidOf(userDn), byGuid.objectGuid());
    }

    @Test
    void anUnknownObjectGuidIsNotFound() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.find(new AccountRef(UUID.randomUUID().toString(), user.name())));

        assertEquals(ResultCode.USER_NOT_FOUND, e.code(), "the GUID decides, not the name");
    }

    @Test
    void anUnknownNameIsNotFound() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.find(new AccountRef(null, "nobody-" + UUID.randomUUID().toString().substring(0, 8))));

        assertEquals(ResultCode.USER_NOT_FOUND, e.code());
    }

    /**
     * One user's sAMAccountName is another's UPN: the name alone cannot say which account is meant. (Samba refuses a
     * UPN that implies an existing sAMAccountName, "name" or "name@example.test"; one in another suffix it allows.)
     */
    @Test
    void aNameThatMatchesTwoAccountsIsAmbiguous() throws Exception {
        TestUser other = createUserWith(INITIAL);
        String shared = user.name() + "@foreign.test";
        admin.modify(userDn, new Modification(ModificationType.REPLACE, "sAMAccountName", shared));
        admin.modify(other.dn(), new Modification(ModificationType.REPLACE, "userPrincipalName", shared));

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.find(new AccountRef(null, shared)));

        assertEquals(ResultCode.USER_AMBIGUOUS, e.code());
        assertEquals(other.name(), directory.find(new AccountRef(objectGuidOf(other.dn()), shared)).accountName(),
                "the objectGUID still tells them apart");
    }

    @Test
    void theObjectGuidStillFindsTheAccountAfterARename() throws Exception {
        String guid = found(user).objectGuid();
        String newName = "wbit-renamed-" + UUID.randomUUID().toString().substring(0, 8);
        admin.modifyDN(userDn, "CN=" + newName, true);
        String renamedDn = "CN=" + newName + ",CN=Users," + settings.baseDn();
        createdDns.set(createdDns.indexOf(userDn), renamedDn);

        DirectoryAccount renamed = directory.find(new AccountRef(guid, user.name()));

        assertEquals(renamedDn.toLowerCase(), renamed.dn().toLowerCase());
        directory.reset(renamed, Secret.of("Res3t-pass!"), ADMIN_RESET);
        assertTrue(canBind(renamedDn, "Res3t-pass!"));
    }

    @Test
    void anUnknownUserIsNotFound() {
        String nobody = "CN=nobody-" + UUID.randomUUID() + ",CN=Users," + settings.baseDn();

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.reset(at(nobody), Secret.of("Res3t-pass!"), ADMIN_RESET));

        assertEquals(ResultCode.USER_NOT_FOUND, e.code(), e.diagnostic());
    }

    @Test
    void nothingOutsideTheBaseDnIsWritten() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.reset(at("CN=Administrator,CN=Users,DC=elsewhere,DC=test"), Secret.of("Res3t-pass!"),
                        ADMIN_RESET));

        assertEquals(ResultCode.ACCESS_DENIED, e.code());
    }

    @Test
    void healthNamesTheDcAndWhenItsCertificateExpires() throws Exception {
        DirectoryHealth health = directory.health();

        LDAPURL url = new LDAPURL(settings.url());
        assertTrue(health.reachable(), health.problem());
        assertEquals(url.getHost() + ":" + url.getPort(), health.server());
        assertNotNull(health.certificateNotAfter());
        assertTrue(health.certificateNotAfter().isAfter(Instant.now()));
        assertNull(health.problem());
    }

    /** ldap:// on 389 is upgraded with StartTLS; the certificate is read from that session just the same. */
    @Test
    void startTlsWorksAndHealthReadsItsCertificate() throws Exception {
        String host = new LDAPURL(settings.url()).getHost();
        assertTrue(listens(host, 389), "the DC does not listen on 389 for StartTLS: " + RealParts.HINT);

        try (LdapPasswordDirectory startTls = new LdapPasswordDirectory(settings.withUrl("ldap://" + host + ":389"))) {
            DirectoryHealth health = startTls.health();
            assertTrue(health.reachable(), health.problem());
            assertEquals(host + ":389", health.server());
            assertEquals(directory.health().certificateNotAfter(), health.certificateNotAfter());

            startTls.reset(startTls.find(new AccountRef(null, user.name())), Secret.of("Res3t-pass!"), ADMIN_RESET);
            assertTrue(canBind(userDn, "Res3t-pass!"));
        }
    }

    @Test
    void noDcAnsweringMeansTheDirectoryIsUnavailable() throws Exception {
        String urls = "ldaps://localhost:" + closedPort() + ",ldaps://localhost:" + closedPort();

        try (LdapPasswordDirectory unreachable = new LdapPasswordDirectory(settings.withUrl(urls))) {
            DirectoryException e = assertThrows(DirectoryException.class,
                    () -> unreachable.find(new AccountRef(null, user.name())));
            assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, e.code(), e.diagnostic());

            DirectoryHealth health = unreachable.health();
            assertFalse(health.reachable());
            assertNull(health.server());
            assertNotNull(health.problem());
        }
    }

    /** The first DC in the list is down: the next one does the work and is the one health names. */
    @Test
    void aDcThatIsDownIsSkippedForTheNext() throws Exception {
        LDAPURL real = new LDAPURL(settings.url());
        String urls = "ldaps://localhost:" + closedPort() + "," + settings.url();

        try (LdapPasswordDirectory failover = new LdapPasswordDirectory(settings.withUrl(urls))) {
            DirectoryAccount account = failover.find(new AccountRef(null, user.name()));
            failover.reset(account, Secret.of("Res3t-pass!"), ADMIN_RESET);
            assertEquals(real.getHost() + ":" + real.getPort(), failover.health().server());
        }
        assertTrue(canBind(userDn, "Res3t-pass!"));
    }

    @Test
    void theDirectoryIsReachable() {
        assertTrue(directory.health().reachable());
    }

    /** Only the stack's CA is trusted: a DC certificate from any other CA is refused before the bind. */
    @Test
    void aCertificateFromAnotherCaIsRefused(@TempDir Path dir) throws Exception {
        Path otherCa = generateCaPem(dir);
        DirectoryAccount account = found(user);

        try (LdapPasswordDirectory untrusting = new LdapPasswordDirectory(settings.withCaFile(otherCa))) {
            assertFalse(untrusting.health().reachable());
            DirectoryException e = assertThrows(DirectoryException.class,
                    () -> untrusting.reset(account, Secret.of("Res3t-pass!"), ADMIN_RESET));
            System.out.println("with another CA: " + e.diagnostic());
            assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, e.code(), e.diagnostic());
        }
        assertTrue(canBind(userDn, INITIAL), "nothing changed");
    }

    /** The certificate names localhost and 127.0.0.1; another name for the same address must be refused. */
    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() throws Exception {
        LDAPURL url = new LDAPURL(settings.url());
        String otherName = InetAddress.getLocalHost().getHostName();
        assumeTrue(!otherName.equals("localhost") && !otherName.equals(url.getHost())
                && InetAddress.getByName(otherName).isLoopbackAddress(),
                "this machine's host name is not another name for the loopback address");
        DirectoryAccount account = found(user);

        try (LdapPasswordDirectory misnamed = new LdapPasswordDirectory(
                settings.withUrl(url.getScheme() + "://" + otherName + ":" + url.getPort()))) {
            DirectoryException e = assertThrows(DirectoryException.class,
                    () -> misnamed.reset(account, Secret.of("Res3t-pass!"), ADMIN_RESET));
            System.out.println("with host name " + otherName + ": " + e.diagnostic());
            assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, e.code(), e.diagnostic());
        }
    }

    @Test
    void theCaFileIsRequired() {
        assertThrows(IllegalStateException.class,
                () -> new LdapPasswordDirectory(settings.withCaFile(Path.of("/nonexistent/ca.pem"))));
    }

    @Test
    void settingsNeverPrintThePassword() {
        assertFalse(settings.toString().contains(settings.bindPassword()));
        assertDoesNotThrow(settings::toString);
    }


    private TestUser createUserWith(String password) throws LDAPException {
        String name = "wbit-" + UUID.randomUUID().toString().substring(0, 8);
        String dn = "CN=" + name + ",CN=Users," + settings.baseDn();
        admin.add(new AddRequest(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@example.test"),
                new Attribute("unicodePwd", Secret.of(password).toUnicodePwd()),
                new Attribute("userAccountControl", "512")));
        createdDns.add(dn);
        return new TestUser(dn, name);
    }

    /**
     * A fine-grained password policy that applies to this user only (precedence 1 wins over any other), with the
     * domain's length, history and complexity, and the given minimum age and lockout threshold (0 = none).
     */
    private void createPso(TestUser appliesTo, String minimumAge, int lockoutThreshold) throws LDAPException {
        String dn = StackDirectory.addPasswordPolicy(admin, appliesTo.dn(), minimumAge, lockoutThreshold);
        createdDns.add(dn);
        assertEquals(dn.toLowerCase(), admin.getEntry(appliesTo.dn(), "msDS-ResultantPSO")
                .getAttributeValue("msDS-ResultantPSO").toLowerCase(), "the policy applies to the test user");
    }

    /** Wrong-password binds as the user until the DC reports the lockout (bounded: the threshold is 2). */
    private void lockOut(TestUser target) throws Exception {
        for (int attempt = 0; attempt < 10 && !found(target).locked(); attempt++) {
            assertFalse(canBind(target.dn(), "Wrong-pass1!"));
        }
        assertTrue(found(target).locked(), "the account is locked out");
    }

    private void disable(TestUser target) throws LDAPException {
        admin.modify(target.dn(), new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
    }

    /** The account as the worker would see it before writing: found by name, as an event without a GUID does. */
    private static DirectoryAccount found(TestUser target) throws DirectoryException {
        return directory.find(new AccountRef(null, target.name()));
    }

    private static String objectGuidOf(String dn) throws LDAPException {
        return AccountFilters.guidText(admin.getEntry(dn, "objectGUID").getAttributeValueBytes("objectGUID"));
    }

    /** A port nothing listens on: bound by the OS, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listens(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(String dn, String password) {
        try (LDAPConnection connection = StackDirectory.bindAs(dn, password)) {
            return true;
        } catch (LDAPException e) {
            assertEquals(com.unboundid.ldap.sdk.ResultCode.INVALID_CREDENTIALS, e.getResultCode(), e.getMessage());
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


    /** A self-signed CA that has nothing to do with the stack, in PEM. */
    private static Path generateCaPem(Path dir) {
        Path keystore = dir.resolve("other-ca.p12");
        Path pem = dir.resolve("other-ca.pem");
        run("generate-self-signed-certificate", "--keystore", keystore.toString(), "--keystore-password", "changeit",
                "--keystore-type", "PKCS12", "--alias", "ca", "--subject-dn", "CN=Not the stack CA",
                "--days-valid", "2");
        run("export-certificate", "--keystore", keystore.toString(), "--keystore-password", "changeit",
                "--alias", "ca", "--output-format", "PEM", "--output-file", pem.toString());
        assertTrue(Files.exists(pem));
        return pem;
    }

    private static void run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var code = ManageCertificates.main(null, out, out, args);
        assertEquals(com.unboundid.ldap.sdk.ResultCode.SUCCESS, code, out.toString(StandardCharsets.UTF_8));
    }

    /** An account that was never found (a DN only): for the checks that do not depend on find. */
    private static DirectoryAccount at(String dn) {
        return new DirectoryAccount(dn, null, null, 0, 0, 0, null);
    }
}
