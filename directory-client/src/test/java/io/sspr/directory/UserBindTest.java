package io.sspr.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
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
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * The one bind as a user, on UnboundID's in-memory server (clear text, allowed here only; the real DC over LDAPS is
 * used by the worker's {@code PasswordVerificationIT}). Every bind that reaches the server is counted: none may be
 * sent twice.
 */
class UserBindTest {
    private static final String USER_DN = "CN=Jane Doe,CN=Users,DC=example,DC=test";

    private InMemoryDirectoryServer dc;
    private final AtomicInteger bindsSeen = new AtomicInteger();

    @BeforeEach
    void startDc() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=example,DC=test");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("plain", 0));
        config.setSchema(null);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                bindsSeen.incrementAndGet();
            }
        });
        dc = new InMemoryDirectoryServer(config);
        dc.add("dn: DC=example,DC=test", "objectClass: top", "objectClass: domain", "dc: example");
        dc.add("dn: CN=Users,DC=example,DC=test", "objectClass: top", "objectClass: container", "cn: Users");
        dc.add("dn: " + USER_DN, "objectClass: top", "objectClass: person", "cn: Jane Doe", "sn: Doe",
                "userPassword: Right-Pass-1ü");
        dc.startListening();
    }

    @AfterEach
    void stopDc() {
        dc.shutDown(true);
    }

    private LdapSettings settings(String url, boolean allowPlainText) {
        return new LdapSettings(url, Path.of("no-ca-needed.pem"), "DC=example,DC=test", "CN=svc", "service-secret",
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, allowPlainText);
    }

    private LdapSettings plain() {
        return settings("ldap://localhost:" + dc.getListenPort(), true);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRightPasswordBindsOnceAndNamesTheDc() throws Exception {
        try (UserBind bind = SecureLdap.userBind(plain())) {
            assertEquals(0, bindsSeen.get(), "connecting sends no bind, not even the service account's");
            assertEquals(dc.getListenPort(), Integer.parseInt(bind.server().substring(bind.server().lastIndexOf(':') + 1)));
            bind.bindOnce(USER_DN, utf8("Right-Pass-1ü"));
        }
        assertEquals(1, bindsSeen.get());
    }

    @Test
    void aWrongPasswordIsTheDcsAnswerAndIsNeverSentAgain() throws Exception {
        try (UserBind bind = SecureLdap.userBind(plain())) {
            LDAPException refused = assertThrows(LDAPException.class, () -> bind.bindOnce(USER_DN, utf8("wrong")));
            assertEquals(ResultCode.INVALID_CREDENTIALS, refused.getResultCode());
            assertThrows(IllegalStateException.class, () -> bind.bindOnce(USER_DN, utf8("Right-Pass-1ü")),
                    "a connection carries one bind");
        }
        assertEquals(1, bindsSeen.get(), "the wrong password reached the DC once");
    }

    @Test
    void anEmptyPasswordIsNeverSentSinceLdapWouldTakeItAsAnonymous() throws Exception {
        try (UserBind bind = SecureLdap.userBind(plain())) {
            assertThrows(IllegalArgumentException.class, () -> bind.bindOnce(USER_DN, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> bind.bindOnce(" ", utf8("Right-Pass-1ü")));
        }
        assertEquals(0, bindsSeen.get());
    }

    @Test
    void aDcThatCannotDoStartTlsGetsNoBind(@org.junit.jupiter.api.io.TempDir Path dir) {
        LdapSettings startTls = new LdapSettings("ldap://localhost:" + dc.getListenPort(),
                SecureLdapTest.selfSignedCaPem(dir), "DC=example,DC=test", "CN=svc", "service-secret",
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, false);
        assertThrows(LDAPException.class, () -> SecureLdap.userBind(startTls),
                "StartTLS fails, so the connection fails before the user's password could be sent");
        assertEquals(0, bindsSeen.get());
    }

    @Test
    void aDcThatIsDownFailsWhileConnectingSoNoBindWasSent() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        LDAPException down = assertThrows(LDAPException.class,
                () -> SecureLdap.userBind(settings("ldap://localhost:" + closedPort, true)));
        assertEquals(ResultCode.CONNECT_ERROR, down.getResultCode());
    }

    @Test
    void failsOverToTheNextDcLikeEveryConnection() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String urls = "ldap://localhost:" + closedPort + ",ldap://localhost:" + dc.getListenPort();
        try (UserBind bind = SecureLdap.userBind(settings(urls, true))) {
            bind.bindOnce(USER_DN, utf8("Right-Pass-1ü"));
        }
        assertEquals(1, bindsSeen.get());
    }
}
