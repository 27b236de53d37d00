package io.sspr.worker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sspr.events.testing.RealPartsSetup;
import java.util.List;
import java.util.Map;

/**
 * What the worker's {@code @QuarkusTest}s need of the real parts: the DC (bound as the writeback account, the sync as
 * the reader), the ledger's database (the worker's role, Flyway as the schema's owner), the broker with the test-only
 * topics the %test profile maps the channels to, and the test consumer group starting at their end.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String VALIDATED = "sspr.test.writeback-worker.validated";
    public static final String VALIDATED_DLQ = VALIDATED + ".dlq";
    public static final String RESULTS = "sspr.test.writeback-worker.results";
    /** Where the failure rule audits dead letters in these tests (sspr.messaging.audit-topic). */
    public static final String AUDIT = "sspr.test.writeback-worker.audit";
    public static final String STATUS = "sspr.test.writeback-worker.status";
    public static final String USERS = "sspr.test.writeback-worker.users";
    /** The admin's settings; read from its start by each application under test, in a group of its own. */
    public static final String SETTINGS = "sspr.test.writeback-worker.settings";
    public static final String SETTINGS_DLQ = SETTINGS + ".dlq";
    /** The %test profile's group of the validated channel. */
    private static final String GROUP = "sspr-writeback-worker-test";

    @Override
    public Map<String, String> start() {
        return RealPartsSetup.prepare(new RealPartsSetup.Needs(List.of("LDAP_URL", "LDAP_CA_FILE",
                "LDAP_WRITEBACK_DN", "LDAP_WRITEBACK_PASSWORD", "LDAP_READER_DN", "LDAP_READER_PASSWORD", "POSTGRES_JDBC_URL", "POSTGRES_WORKER_USER",
                "POSTGRES_WORKER_PASSWORD", "POSTGRES_WORKER_OWNER_USER", "POSTGRES_WORKER_OWNER_PASSWORD"),
                List.of(VALIDATED, VALIDATED_DLQ, RESULTS, AUDIT, STATUS, USERS, SETTINGS, SETTINGS_DLQ), GROUP,
                List.of(VALIDATED), Map.of()));
    }

    @Override
    public void stop() {
    }
}
