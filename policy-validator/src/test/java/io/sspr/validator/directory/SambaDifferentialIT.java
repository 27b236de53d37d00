package io.sspr.validator.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import io.sspr.events.Violation;
import io.sspr.events.testing.StackDirectory;
import io.sspr.events.testing.SambaTool;
import io.sspr.validator.config.ValidatorConfig.DialectSetting;
import io.sspr.validator.policy.ComplexityDialect;
import io.sspr.validator.policy.EffectivePolicy;
import io.sspr.validator.policy.PasswordPolicy;
import io.sspr.validator.policy.PolicyChecker;
import io.sspr.validator.policy.UserNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator's verdict (SAMBA dialect, directory rules only) against what Samba does when an administrator
 * sets the same password (replace unicodePwd over LDAPS: Samba applies length and complexity on resets). The test
 * user gets its own PSO: complexity on, history 0, minimum age 0, minimum length {@value #MIN_LENGTH}.
 */
class SambaDifferentialIT {
    static final int MIN_LENGTH = 8;
    private static final int CANDIDATES = 520;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String USER = "pv4d" + SUFFIX;
    private static final String PSO = "pv4d-pso-" + SUFFIX;

    private static LdapConnector connector;
    /** Samba's own verdict comes from an administrator's reset, which the validator's read-only account cannot do. */
    private static LdapConnector admin;
    private static DirectoryUser user;
    private static PasswordPolicy policy;

    @BeforeAll
    static void setUp() {
        connector = new LdapConnector(StackDirectory.reader());
        admin = new LdapConnector(StackDirectory.admin());
        SambaTool.run("user", "create", USER, "Start-" + SUFFIX + "-Pw1", "--given-name=Dora",
                "--surname=Differ-Quell");
        SambaTool.run("domain", "passwordsettings", "pso", "create", PSO, "5", "--min-pwd-length=" + MIN_LENGTH,
                "--complexity=on", "--history-length=0", "--min-pwd-age=0", "--max-pwd-age=0");
        SambaTool.run("domain", "passwordsettings", "pso", "apply", PSO, USER);
        UserDirectory users = new UserDirectory(connector);
        user = users.find(USER).get(0);
        EffectivePolicy effective = new EffectivePolicyReader(connector,
                new DomainPolicyReader(connector, DialectSetting.AUTO, Duration.ofSeconds(60), Clock.systemUTC()),
                Duration.ofSeconds(60), Clock.systemUTC()).policyFor(user);
        assertEquals(EffectivePolicy.Source.PSO, effective.source(), "the test user's own PSO must apply");
        policy = effective.policy();
        assertEquals(ComplexityDialect.SAMBA, policy.dialect(), "the local DC is Samba");
        assertEquals(MIN_LENGTH, policy.minLength());
    }

    @AfterAll
    static void tearDown() {
        SambaTool.quietly("domain", "passwordsettings", "pso", "delete", PSO);
        SambaTool.quietly("user", "delete", USER);
        if (connector != null) {
            connector.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void validatorAndSambaAgreeOnEveryCandidate() {
        UserNames names = user.names();
        List<String> candidates = Candidates.generate(new Random(20261125L), MIN_LENGTH, CANDIDATES, names);
        assertTrue(candidates.size() >= 500, "at least 500 candidates");
        PolicyChecker checker = new PolicyChecker();
        int agreements = 0;
        List<String> nameTokenCases = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (String candidate : candidates) {
            List<Violation> violations = checker.check(candidate, policy, names);
            boolean validatorAccepts = violations.isEmpty();
            ResultCode samba = setBySamba(candidate);
            boolean sambaAccepts = samba == ResultCode.SUCCESS;
            if (validatorAccepts == sambaAccepts) {
                agreements++;
            } else if (!validatorAccepts && onlyNameTokenRules(violations)) {
                nameTokenCases.add(describe(candidate) + " " + codes(violations));
                assertTrue(containsNameToken(candidate, names), "name rule without a name: " + describe(candidate));
            } else {
                disagreements.add(describe(candidate) + " validator=" + codes(violations) + " samba=" + samba);
            }
        }
        System.out.printf("Samba differential: %d candidates, %d agreements, %d name-token cases excluded "
                + "(Samba does not apply them), %d disagreements%n", candidates.size(), agreements,
                nameTokenCases.size(), disagreements.size());
        nameTokenCases.forEach(c -> System.out.println("  excluded " + c));
        disagreements.forEach(d -> System.out.println("  DISAGREE " + d));
        assertEquals(List.of(), disagreements);
    }

    private static ResultCode setBySamba(String password) {
        byte[] quoted = ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
        return admin.call(pool -> {
            try {
                pool.modify(user.dn(), new Modification(ModificationType.REPLACE, "unicodePwd", quoted));
                return ResultCode.SUCCESS;
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.CONSTRAINT_VIOLATION
                        || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM) {
                    return e.getResultCode();
                }
                throw e;
            }
        });
    }

    private static boolean onlyNameTokenRules(List<Violation> violations) {
        return violations.stream().allMatch(v -> v.code() == io.sspr.events.ResultCode.PASSWORD_CONTAINS_DISPLAY_NAME
                || v.code() == io.sspr.events.ResultCode.PASSWORD_CONTAINS_ACCOUNT_NAME);
    }

    /** MS-SAMR: the sAMAccountName, or a displayName token of 3+ characters, appears ignoring case. */
    private static boolean containsNameToken(String candidate, UserNames names) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        Set<String> tokens = new LinkedHashSet<>(PolicyChecker.displayNameTokens(names.displayName()));
        tokens.add(names.accountName());
        return tokens.stream().anyMatch(t -> lower.contains(t.toLowerCase(Locale.ROOT)));
    }

    private static String codes(List<Violation> violations) {
        return violations.stream().map(v -> v.code().name()).toList().toString();
    }

    /** Code points in hex: the candidates are test data, but non-BMP and combining marks print badly. */
    private static String describe(String candidate) {
        StringBuilder out = new StringBuilder("\"");
        candidate.codePoints().forEach(cp -> {
            if (cp >= 0x21 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%X}", cp));
            }
        });
        return out.append("\" (").append(candidate.length()).append(" units)").toString();
    }
}
