package io.sspr.validator.directory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.sspr.events.testing.StackDirectory;
import io.sspr.events.testing.SambaTool;
import io.sspr.validator.config.ValidatorConfig.DialectSetting;
import io.sspr.validator.policy.EffectivePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Changes made with samba-tool reach the validator within the cache TTL, without a restart. The DC is shared with
 * other tests: PSOs apply only to this test's own user and groups; the domain policy is touched only for its
 * maximum age (which no test relies on), and restored in a finally block.
 */
class EffectivePolicyIT {
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String USER = "pv4b-u-" + SUFFIX;
    private static final String INNER = "pv4b-in-" + SUFFIX;
    private static final String OUTER = "pv4b-out-" + SUFFIX;
    private static final String PSO = "pv4b-pso-" + SUFFIX;

    private static LdapConnector connector;
    private static UserDirectory users;
    private static DomainPolicyReader domain;
    private static EffectivePolicyReader policies;

    @BeforeAll
    static void setUp() {
        connector = new LdapConnector(StackDirectory.reader());
        users = new UserDirectory(connector);
        domain = new DomainPolicyReader(connector, DialectSetting.AUTO, TTL, Clock.systemUTC());
        policies = new EffectivePolicyReader(connector, domain, TTL, Clock.systemUTC());
        SambaTool.run("user", "create", USER, "Start-" + SUFFIX + "-Pw1", "--given-name=Petra",
                "--surname=Policy");
        SambaTool.run("group", "add", INNER);
        SambaTool.run("group", "add", OUTER);
        SambaTool.run("group", "addmembers", INNER, USER);
        SambaTool.run("group", "addmembers", OUTER, INNER);
    }

    @AfterAll
    static void tearDown() {
        SambaTool.quietly("domain", "passwordsettings", "pso", "delete", PSO);
        SambaTool.quietly("user", "delete", USER);
        SambaTool.quietly("group", "delete", INNER);
        SambaTool.quietly("group", "delete", OUTER);
        if (connector != null) {
            connector.close();
        }
    }

    private static DirectoryUser user() {
        return users.find(USER).get(0);
    }

    @Test
    void aNewOrChangedPsoAppliesWithoutRestart() {
        assertEquals(EffectivePolicy.Source.DOMAIN, policies.policyFor(user()).source());
        SambaTool.run("domain", "passwordsettings", "pso", "create", PSO, "7", "--min-pwd-length=12",
                "--complexity=on", "--history-length=3", "--min-pwd-age=1", "--max-pwd-age=30");
        SambaTool.run("domain", "passwordsettings", "pso", "apply", PSO, INNER);

        EffectivePolicy pso = await().atMost(Duration.ofSeconds(15)).until(() -> policies.policyFor(user()),
                p -> p.source() == EffectivePolicy.Source.PSO);
        assertTrue(pso.psoDn().toLowerCase().startsWith("cn=" + PSO), pso.psoDn());
        assertEquals(7, pso.precedence());
        assertEquals(12, pso.policy().minLength());
        assertTrue(pso.policy().complexityEnabled());
        assertEquals(3, pso.policy().historyLength());
        assertEquals(Duration.ofDays(1), pso.policy().minAge());
        assertEquals(Duration.ofDays(30), pso.policy().maxAge());
        assertEquals(domain.domainPolicy().dialect(), pso.policy().dialect());

        SambaTool.run("domain", "passwordsettings", "pso", "set", PSO, "--min-pwd-length=14", "--min-pwd-age=0");
        await().atMost(Duration.ofSeconds(15)).until(() -> policies.policyFor(user()).policy().minLength() == 14);

        SambaTool.run("domain", "passwordsettings", "pso", "unapply", PSO, INNER);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> policies.policyFor(user()).source() == EffectivePolicy.Source.DOMAIN);
    }

    @Test
    void aChangedDomainPolicyAppliesWithoutRestart() {
        Duration before = domain.domainPolicy().maxAge();
        long beforeDays = before == null ? 0 : before.toDays();
        long changedDays = beforeDays == 41 ? 40 : 41;
        try {
            SambaTool.run("domain", "passwordsettings", "set", "--max-pwd-age=" + changedDays);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Duration.ofDays(changedDays).equals(policies.domainPolicy().policy().maxAge()));
        } finally {
            SambaTool.run("domain", "passwordsettings", "set", "--max-pwd-age=" + beforeDays);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Duration now = policies.domainPolicy().policy().maxAge();
            return beforeDays == 0 ? now == null : Duration.ofDays(beforeDays).equals(now);
        });
    }

    @Test
    void readsAccountFactsAndNestedScope() throws Exception {
        DirectoryUser user = user();
        assertFalse(user.protectedAccount());
        assertNotNull(user.passwordLastSet());
        assertTrue(user.passwordLastSet().isAfter(Instant.now().minus(Duration.ofHours(1))), "just created");
        String outerDn = groupDn(OUTER);
        assertTrue(new AccountScope(users, Optional.of(outerDn)).includes(user), "member through " + INNER);
        assertFalse(new AccountScope(users, Optional.of(groupDn("Domain Admins"))).includes(user));
        assertTrue(new AccountScope(users, Optional.empty()).includes(user));

        LdapConnector admin = new LdapConnector(StackDirectory.admin());
        try {
            admin.call(pool -> pool.modify(user.dn(), new Modification(ModificationType.REPLACE, "adminCount", "1")));
        } finally {
            admin.close();
        }
        assertTrue(user().protectedAccount());
    }

    @Test
    void aUserWithoutPsoHasNone() {
        assertNull(users.find("alice").get(0).resultantPsoDn());
    }

    private static String groupDn(String name) {
        return connector.call(pool -> pool.searchForEntry(connector.baseDn(),
                com.unboundid.ldap.sdk.SearchScope.SUB,
                com.unboundid.ldap.sdk.Filter.createANDFilter(
                        com.unboundid.ldap.sdk.Filter.createEqualityFilter("objectClass", "group"),
                        com.unboundid.ldap.sdk.Filter.createEqualityFilter("sAMAccountName", name)))).getDN();
    }
}
