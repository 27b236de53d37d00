package io.sspr.validator.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.directory.LdapSettings;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.StackDirectory;
import io.sspr.validator.config.ValidatorConfig.DialectSetting;
import io.sspr.validator.health.DirectoryReadiness;
import io.sspr.validator.policy.ComplexityDialect;
import io.sspr.validator.policy.PasswordPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the local Samba AD DC over LDAPS. */
class DirectoryIT {
    private static LdapConnector connector;
    private static UserDirectory users;

    @BeforeAll
    static void connect() {
        connector = new LdapConnector(StackDirectory.reader());
        users = new UserDirectory(connector);
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @Test
    void readsTheDomainPolicyAndDetectsSamba() {
        PasswordPolicy policy = new DomainPolicyReader(connector, DialectSetting.AUTO, Duration.ofSeconds(60),
                Clock.systemUTC()).domainPolicy();
        assertEquals(7, policy.minLength());
        assertEquals(256, policy.maxLength());
        assertTrue(policy.complexityEnabled());
        assertEquals(ComplexityDialect.SAMBA, policy.dialect());
        assertTrue(policy.historyLength() >= 0);
        assertNotNull(policy.minAge());
    }

    @Test
    void configuredDialectWinsOverTheRootDse() {
        PasswordPolicy policy = new DomainPolicyReader(connector, DialectSetting.WINDOWS, Duration.ofSeconds(60),
                Clock.systemUTC()).domainPolicy();
        assertEquals(ComplexityDialect.WINDOWS, policy.dialect());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ALICE", "alice@example.test", "Alice@Example.Test"})
    void findsAliceByAccountNameOrUpn(String username) {
        List<DirectoryUser> found = users.find(username);
        assertEquals(1, found.size(), username);
        DirectoryUser alice = found.get(0);
        assertEquals("alice", alice.accountName().toLowerCase());
        assertEquals("Alice Anders", alice.displayName());
        assertEquals("alice@example.test", alice.userPrincipalName().toLowerCase());
        assertTrue(alice.dn().toLowerCase().endsWith(StackDirectory.baseDn().toLowerCase()), alice.dn());
        assertFalse(alice.isDisabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*)(x", "*", "alice)(|(objectClass=*)", "*)(sAMAccountName=*", "\\2a", "nobody-here"})
    void injectionLikeOrUnknownNamesFindNothing(String username) {
        assertEquals(List.of(), users.find(username));
    }

    @Test
    void filterIsBuiltEscaped() {
        assertEquals("(&(objectClass=user)(|(sAMAccountName=a\\2a\\29\\28x)(userPrincipalName=a\\2a\\29\\28x)))",
                UserDirectory.filter("a*)(x").toString());
    }

    @Test
    void readinessIsUpWhileTheDirectoryAnswers() {
        HealthCheckResponse response = new DirectoryReadiness(connector).call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
    }

    @Test
    void unreachableDirectoryIsReportedNotThrownAsAnything() {
        LdapConnector down = new LdapConnector(StackDirectory.reader().withUrl("ldaps://localhost:1"));
        try {
            assertThrows(DirectoryUnavailableException.class, () -> new UserDirectory(down).find("alice"));
            assertEquals(HealthCheckResponse.Status.DOWN, new DirectoryReadiness(down).call().getStatus());
        } finally {
            down.close();
        }
    }

    @Test
    void trustsOnlyTheStackCa() {
        // The public CAs of the system do not include the stack's CA: the handshake must fail.
        LdapSettings reader = StackDirectory.reader();
        LdapConnector other = new LdapConnector(new LdapSettings(reader.url(),
                Path.of("/etc/ssl/certs/ca-certificates.crt"), reader.baseDn(), reader.bindDn(), reader.bindPassword(),
                reader.connectTimeout(), reader.responseTimeout(), reader.poolSize(), reader.allowPlainText()));
        try {
            assertThrows(DirectoryUnavailableException.class, () -> new UserDirectory(other).find("alice"));
        } finally {
            other.close();
        }
    }

    @Test
    void verifiesTheHostName() throws Exception {
        // 127.0.0.1 is in the certificate; this machine's own name, which resolves to it too, is not.
        String host = java.net.InetAddress.getLocalHost().getHostName();
        if (host.equals("localhost")) {
            return; // nothing to compare on a host named localhost
        }
        String port = RealParts.env("LDAP_URL").replaceAll(".*:(\\d+)/?$", "$1");
        LdapConnector byIp = new LdapConnector(StackDirectory.reader().withUrl("ldaps://127.0.0.1:" + port));
        LdapConnector byName = new LdapConnector(StackDirectory.reader().withUrl("ldaps://" + host + ":" + port));
        try {
            assertEquals(1, new UserDirectory(byIp).find("alice").size());
            DirectoryUnavailableException refused = assertThrows(DirectoryUnavailableException.class,
                    () -> new UserDirectory(byName).find("alice"));
            assertTrue(String.valueOf(refused.getCause().getMessage()).contains(host), refused.getCause().getMessage());
        } finally {
            byIp.close();
            byName.close();
        }
    }
}
