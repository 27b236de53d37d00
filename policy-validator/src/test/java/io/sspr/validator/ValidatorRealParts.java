package io.sspr.validator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sspr.events.Topics;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.RealPartsSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real parts the validator's {@code @QuarkusTest} needs: the Samba DC (bound as the validator's own reader account,
 * prepared as the Administrator), Kafka as the admin, the stack's keys and the public key of its token issuer. The %test profile maps every channel to a
 * test-only topic of its own, created here (the broker does not auto-create); the request channel reads in the tests'
 * group, started at its topic's end, so it never answers what earlier runs left.
 */
public class ValidatorRealParts implements QuarkusTestResourceLifecycleManager {
    public static final String REQUESTED = "sspr.test.policy-validator.requested";
    public static final String REQUESTED_DLQ = Topics.deadLetter(REQUESTED);
    public static final String VALIDATED = "sspr.test.policy-validator.validated";
    public static final String RESULTS = "sspr.test.policy-validator.results";
    public static final String POLICIES = "sspr.test.policy-validator.policies";
    public static final String SETTINGS = "sspr.test.policy-validator.settings";
    public static final String SETTINGS_DLQ = Topics.deadLetter(SETTINGS);
    /** Where the failure rule audits dead letters in these tests (sspr.messaging.audit-topic). */
    public static final String AUDIT = "sspr.test.policy-validator.audit";
    /** The request channel's group in the %test profile. */
    public static final String GROUP = "sspr-policy-validator-test";

    @Override
    public Map<String, String> start() {
        // The public half of the stack's token key, placed by deploy/local/stack parts (%test reads it from there).
        Path tokenKey = RealParts.file("SSPR_SECRETS_DIR").resolve("policy-validator/jwt-public.pem");
        if (!Files.isReadable(tokenKey)) {
            throw new IllegalStateException(tokenKey + " is missing (the validator's key for help-desk tokens): "
                    + RealParts.HINT);
        }
        return RealPartsSetup.prepare(new RealPartsSetup.Needs(List.of("LDAP_URL", "LDAP_CA_FILE", "LDAP_BASE_DN", "LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD",
                "LDAP_READER_DN", "LDAP_READER_PASSWORD", "SAMBA_SMB_CONF"),
                List.of(REQUESTED, REQUESTED_DLQ, VALIDATED, RESULTS, POLICIES, SETTINGS, SETTINGS_DLQ, AUDIT),
                GROUP, List.of(REQUESTED), Map.of()));
    }

    @Override
    public void stop() {
    }
}
