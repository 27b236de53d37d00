package io.sspr.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

class SecureLdapTest {
    /** A DC that speaks only clear text (no StartTLS), counting the binds that reach it. */
    private InMemoryDirectoryServer plainDc;
    private final AtomicInteger bindsSeen = new AtomicInteger();

    @BeforeEach
    void startPlainDc() throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=example,DC=test");
        config.addAdditionalBindCredentials("CN=svc", "service-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("plain", 0));
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                bindsSeen.incrementAndGet();
            }
        });
        plainDc = new InMemoryDirectoryServer(config);
        plainDc.startListening();
    }

    @AfterEach
    void stopPlainDc() {
        plainDc.shutDown(true);
    }

    private static LdapSettings settings(String url, Path caFile, boolean allowPlainText) {
        return new LdapSettings(url, caFile, "DC=example,DC=test", "CN=svc", "service-secret", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, allowPlainText);
    }

    /** Any valid CA file: StartTLS must fail before the certificate is even looked at. */
    static Path selfSignedCaPem(Path dir) {
        Path keystore = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        for (String[] args : new String[][] {
            {"generate-self-signed-certificate", "--keystore", keystore.toString(), "--keystore-password", "changeit",
                "--keystore-type", "PKCS12", "--alias", "ca", "--subject-dn", "CN=Test CA", "--days-valid", "2"},
            {"export-certificate", "--keystore", keystore.toString(), "--keystore-password", "changeit", "--alias",
                "ca", "--output-format", "PEM", "--output-file", pem.toString()}}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertEquals(ResultCode.SUCCESS, com.unboundid.util.ssl.cert.ManageCertificates.main(null, out, out, args),
                    out.toString());
        }
        return pem;
    }

    private String plainDcUrl() {
        return "ldap://localhost:" + plainDc.getListenPort();
    }

    /** ldap:// means StartTLS: a DC that cannot do it is refused before the service account's password is sent. */
    @Test
    void plainTextIsRefusedByDefault(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path ca = selfSignedCaPem(dir);

        try (LDAPConnectionPool pool = SecureLdap.pool(settings(plainDcUrl(), ca, false), "test", 0)) {
            assertThrows(LDAPException.class, pool::getConnection);
        }
        assertEquals(0, bindsSeen.get(), "no bind reached the DC in clear");
    }

    @Test
    void plainTextIsUsedOnlyWhenExplicitlyAllowed() throws Exception {
        try (LDAPConnectionPool pool = SecureLdap.pool(settings(plainDcUrl(), Path.of("no-ca-needed.pem"), true),
                "test", 1)) {
            LDAPConnection connection = pool.getConnection();
            assertNull(connection.getSSLSession(), "clear text, as allowed");
            pool.releaseConnection(connection);
        }
        assertEquals(1, bindsSeen.get());
    }

    /** The first DC is down (nothing listens there); the pool uses the second. */
    @Test
    void aDcThatDoesNotAnswerIsSkipped() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String urls = "ldap://localhost:" + closedPort + "," + plainDcUrl();
        FailoverServerSet servers = SecureLdap.serverSet(settings(urls, Path.of("unused.pem"), true));
        assertEquals(2, servers.getServerSets().length);

        try (LDAPConnectionPool pool = SecureLdap.pool(settings(urls, Path.of("unused.pem"), true), "test", 1)) {
            LDAPConnection connection = pool.getConnection();
            assertEquals(plainDc.getListenPort(), connection.getConnectedPort());
            pool.releaseConnection(connection);
        }
    }

    private static LdapSettings settings(String url, Path caFile) {
        return new LdapSettings(url, caFile, "DC=example,DC=test", "CN=svc", "service-secret", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, false);
    }

    @Test
    void refusesSchemesOtherThanLdapsAndStartTls() {
        LDAPException refused = assertThrows(LDAPException.class,
                () -> SecureLdap.pool(settings("http://dc1:636", Path.of("ca.pem")), "test", 0));
        assertTrue(refused.getResultCode() == ResultCode.PARAM_ERROR || refused.getResultCode() == ResultCode.DECODING_ERROR,
                refused.getResultCode().toString());
    }

    @Test
    void refusesAMissingCaFileInsteadOfTrustingTheDefaults() {
        LDAPException refused = assertThrows(LDAPException.class,
                () -> SecureLdap.pool(settings("ldaps://dc1:636", Path.of("no-such-ca.pem")), "test", 0));
        assertEquals(ResultCode.LOCAL_ERROR, refused.getResultCode());
        assertTrue(refused.getMessage().contains("no-such-ca.pem"));
    }

    @Test
    void neverPrintsTheServiceAccountPassword() {
        assertFalse(settings("ldaps://dc1:636", Path.of("ca.pem")).toString().contains("service-secret"));
    }

    @Test
    void needsAtLeastOneConnection() {
        assertThrows(IllegalArgumentException.class, () -> new LdapSettings("ldaps://dc1", Path.of("ca.pem"), "b", "d",
                "p", Duration.ofSeconds(1), Duration.ofSeconds(1), 0, false));
    }
}
