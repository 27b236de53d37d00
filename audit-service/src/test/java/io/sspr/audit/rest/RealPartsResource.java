package io.sspr.audit.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sspr.events.Topics;
import io.sspr.events.testing.ConsumerGroupStart;
import java.util.List;
import java.util.Map;

/**
 * Runs before the application starts: the tests use the real Kafka and PostgreSQL, never a stand-in, in a consumer
 * group of their own.
 */
public class RealPartsResource implements QuarkusTestResourceLifecycleManager {
    static final List<String> REQUIRED = List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_ADMIN_USERNAME",
            "KAFKA_ADMIN_PASSWORD", "POSTGRES_JDBC_URL", "AUDIT_JWT_PUBLIC_KEY", "SSPR_SECRETS_DIR",
            "OPERATOR_JWT_PRIVATE_KEY",
            // the service runs as its own role; Flyway migrates as the schema's owner
            "POSTGRES_AUDIT_USER", "POSTGRES_AUDIT_PASSWORD", "POSTGRES_AUDIT_OWNER_USER", "POSTGRES_AUDIT_OWNER_PASSWORD");

    @Override
    public Map<String, String> start() {
        List<String> missing = REQUIRED.stream().filter(name -> isBlank(System.getenv(name))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing " + missing + ": run `deploy/local/stack parts` and "
                    + "`eval \"$(deploy/local/stack env)\"` first");
        }
        // its own group, started at "now": not the running stack's, and not what earlier runs or the benchmark left
        return ConsumerGroupStart.forChannels(System.getenv("KAFKA_BOOTSTRAP_SERVERS"), "sspr-audit-service-test",
                List.of(Topics.PASSWORD_REQUESTED, Topics.PASSWORD_RESULTS, Topics.AUDIT_EVENTS));
    }

    @Override
    public void stop() {
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
