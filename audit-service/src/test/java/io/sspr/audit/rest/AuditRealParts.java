package io.sspr.audit.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sspr.events.Topics;
import io.sspr.events.testing.RealPartsSetup;
import io.sspr.events.testing.RealPartsSetup.Needs;
import java.util.List;
import java.util.Map;

/**
 * The real parts the audit service's tests need: Kafka as the admin, PostgreSQL (the service as its own role, Flyway
 * as the schema's owner), the stack's keys, the auditor tokens' public key and the operator key that signs test
 * tokens. The three consumed channels read in the tests' own group, started at the topics' end: not the running
 * stack's, and not what earlier runs or the benchmark left.
 */
public class AuditRealParts implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return RealPartsSetup.prepare(Needs.channelsInGroup(List.of("POSTGRES_JDBC_URL", "AUDIT_JWT_PUBLIC_KEY", "OPERATOR_JWT_PRIVATE_KEY",
                "POSTGRES_AUDIT_USER", "POSTGRES_AUDIT_PASSWORD", "POSTGRES_AUDIT_OWNER_USER",
                "POSTGRES_AUDIT_OWNER_PASSWORD"), "sspr-audit-service-test",
                List.of(Topics.PASSWORD_REQUESTED, Topics.PASSWORD_RESULTS, Topics.AUDIT_EVENTS)));
    }

    @Override
    public void stop() {
    }
}
