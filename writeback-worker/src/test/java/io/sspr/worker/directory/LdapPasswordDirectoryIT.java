package io.sspr.worker.directory;

import io.sspr.directory.LdapSettings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.cert.ManageCertificates;
import io.sspr.events.ResultCode;
import io.sspr.events.crypto.Secret;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * with a random name, deleted afterwards.
 */
class LdapPasswordDirectoryIT {
    private static final String HINT = "run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"` first";
    private static final String INITIAL = "Pass-w0rd!x";

    private static LdapSettings settings;
    private static LdapPasswordDirectory directory;
    private static LDAPConnection admin;

    private final List<String> createdDns = new ArrayList<>();
    private String userDn;

    @BeforeAll
    static void connect() throws Exception {
        for (String name : List.of("LDAP_URL", "LDAP_CA_FILE", "LDAP_BASE_DN", "LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD")) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                fail(name + " is not set: " + HINT);
            }
        }
        settings = settingsWith(System.getenv("LDAP_URL"), Path.of(System.getenv("LDAP_CA_FILE")));
        directory = new LdapPasswordDirectory(settings);
        admin = connectAs(System.getenv("LDAP_ADMIN_DN"), System.getenv("LDAP_ADMIN_PASSWORD"));
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
        userDn = createUserWith(INITIAL);
    }

    @AfterEach
    void deleteUsers() {
        for (String dn : createdDns) {
            try {
                admin.delete(dn);
            } catch (LDAPException e) {
                System.err.println("could not delete test user " + dn + ": " + e.getMessage());
            }
        }
    }

    /**
     * Samba ("old password allowed period", 60 minutes by default) still accepts the immediately previous
     * password in a simple bind after a change or reset; it is no longer the current password (a change that
     * names it fails), and one change later it stops working altogether.
     */
    @Test
    void changeWithTheRightCurrentPasswordSetsTheNewOne() throws Exception {
        directory.change(at(userDn), Secret.of(INITIAL), Secret.of("Chang3d-pass!"));

        assertTrue(canBind(userDn, "Chang3d-pass!"), "the new password works");
        DirectoryException stale = assertThrows(DirectoryException.class,
                () -> directory.change(at(userDn), Secret.of(INITIAL), Secret.of("Other-pass9!")));
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, stale.code(), "the old password is no longer current");

        directory.change(at(userDn), Secret.of("Chang3d-pass!"), Secret.of("Chang3d-again!"));
        assertTrue(canBind(userDn, "Chang3d-again!"));
        assertFalse(canBind(userDn, INITIAL), "the password before the previous one no longer works");
    }

    /** Samba checks the old value even on the Administrator's connection (00000056), as AD does. */
    @Test
    void changeWithAWrongCurrentPasswordIsRefused() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(at(userDn), Secret.of("Wrong-pass1!"), Secret.of("Chang3d-pass!")));

        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, e.code(), e.diagnostic());
        assertTrue(e.diagnostic().startsWith("00000056"), e.diagnostic());
        assertTrue(canBind(userDn, INITIAL), "nothing changed");
    }

    @Test
    void aTooShortPasswordIsRefusedAsTooShort() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(at(userDn), Secret.of(INITIAL), Secret.of("Ab1!x")));

        assertEquals(ResultCode.PASSWORD_TOO_SHORT, e.code(), e.diagnostic());
    }

    @Test
    void aPasswordWithoutThreeCategoriesIsRefusedAsNotComplex() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(at(userDn), Secret.of(INITIAL), Secret.of("alllowercaseletters")));

        assertEquals(ResultCode.PASSWORD_NOT_COMPLEX, e.code(), e.diagnostic());
    }

    @Test
    void aRecentPasswordIsRefusedAsInHistory() throws Exception {
        directory.change(at(userDn), Secret.of(INITIAL), Secret.of("Chang3d-pass!"));

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.change(at(userDn), Secret.of("Chang3d-pass!"), Secret.of(INITIAL)));

        assertEquals(ResultCode.PASSWORD_IN_HISTORY, e.code(), e.diagnostic());
    }

    @Test
    void resetReplacesThePasswordWithoutTheCurrentOne() throws Exception {
        directory.reset(at(userDn), Secret.of("Res3t-pass!"), new ResetOptions(false, false));
        assertTrue(canBind(userDn, "Res3t-pass!"));

        directory.reset(at(userDn), Secret.of("Res3t-again!"), new ResetOptions(false, false));
        assertTrue(canBind(userDn, "Res3t-again!"));
        assertFalse(canBind(userDn, INITIAL), "see the previous-password window above");
    }

    @Test
    void resetIsStillSubjectToThePolicy() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.reset(at(userDn), Secret.of("short"), new ResetOptions(false, false)));

        assertEquals(ResultCode.PASSWORD_TOO_SHORT, e.code(), e.diagnostic());
    }

    @Test
    void unlockClearsTheLockoutTime() throws Exception {
        directory.unlock(at(userDn));

        assertEquals("0", admin.getEntry(userDn, "lockoutTime").getAttributeValue("lockoutTime"));
    }

    @Test
    void anUnknownUserIsNotFound() {
        String nobody = "CN=nobody-" + UUID.randomUUID() + ",CN=Users," + settings.baseDn();

        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.reset(at(nobody), Secret.of("Res3t-pass!"), new ResetOptions(false, false)));

        assertEquals(ResultCode.USER_NOT_FOUND, e.code(), e.diagnostic());
    }

    @Test
    void nothingOutsideTheBaseDnIsWritten() {
        DirectoryException e = assertThrows(DirectoryException.class,
                () -> directory.reset(at("CN=Administrator,CN=Users,DC=elsewhere,DC=test"), Secret.of("Res3t-pass!"), new ResetOptions(false, false)));

        assertEquals(ResultCode.ACCESS_DENIED, e.code());
    }

    @Test
    void theDirectoryIsReachable() {
        assertTrue(directory.health().reachable());
    }

    /** Only the stack's CA is trusted: a DC certificate from any other CA is refused before the bind. */
    @Test
    void aCertificateFromAnotherCaIsRefused(@TempDir Path dir) throws Exception {
        Path otherCa = generateCaPem(dir);

        try (LdapPasswordDirectory untrusting = new LdapPasswordDirectory(
                settingsWith(settings.url(), otherCa))) {
            assertFalse(untrusting.health().reachable());
            DirectoryException e = assertThrows(DirectoryException.class,
                    () -> untrusting.reset(at(userDn), Secret.of("Res3t-pass!"), new ResetOptions(false, false)));
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

        try (LdapPasswordDirectory misnamed = new LdapPasswordDirectory(
                settingsWith(url.getScheme() + "://" + otherName + ":" + url.getPort(), settings.caFile()))) {
            DirectoryException e = assertThrows(DirectoryException.class,
                    () -> misnamed.reset(at(userDn), Secret.of("Res3t-pass!"), new ResetOptions(false, false)));
            System.out.println("with host name " + otherName + ": " + e.diagnostic());
            assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, e.code(), e.diagnostic());
        }
    }

    @Test
    void theCaFileIsRequired() {
        assertThrows(IllegalStateException.class,
                () -> new LdapPasswordDirectory(settingsWith(settings.url(), Path.of("/nonexistent/ca.pem"))));
    }

    @Test
    void settingsNeverPrintThePassword() {
        assertFalse(settings.toString().contains(System.getenv("LDAP_ADMIN_PASSWORD")));
        assertDoesNotThrow(settings::toString);
    }

    private static LdapSettings settingsWith(String url, Path caFile) {
        return new LdapSettings(url, caFile, System.getenv("LDAP_BASE_DN"), System.getenv("LDAP_ADMIN_DN"),
                System.getenv("LDAP_ADMIN_PASSWORD"), Duration.ofSeconds(5), Duration.ofSeconds(10), 2);
    }

    private String createUserWith(String password) throws LDAPException {
        String name = "wbit-" + UUID.randomUUID().toString().substring(0, 8);
        String dn = "CN=" + name + ",CN=Users," + settings.baseDn();
        admin.add(new AddRequest(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@example.test"),
                new Attribute("unicodePwd", Secret.of(password).toUnicodePwd()),
                new Attribute("userAccountControl", "512")));
        createdDns.add(dn);
        return dn;
    }

    private static boolean canBind(String dn, String password) {
        try (LDAPConnection connection = connectAs(dn, password)) {
            return true;
        } catch (LDAPException e) {
            assertEquals(com.unboundid.ldap.sdk.ResultCode.INVALID_CREDENTIALS, e.getResultCode(), e.getMessage());
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LDAPConnection connectAs(String dn, String password) throws Exception {
        LDAPURL url = new LDAPURL(System.getenv("LDAP_URL"));
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(Path.of(System.getenv("LDAP_CA_FILE")).toFile()));
        LDAPConnection connection = new LDAPConnection(ssl.createSSLSocketFactory(), options, url.getHost(),
                url.getPort());
        try {
            connection.bind(dn, password);
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
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

    private static DirectoryAccount at(String dn) {
        return new DirectoryAccount(dn, null, null, 0, 0, 0);
    }
}
