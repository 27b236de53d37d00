package io.sspr.audit.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/** Runs before the application starts: the tests use the real Kafka and PostgreSQL, never a stand-in. */
public class RealPartsResource implements QuarkusTestResourceLifecycleManager {
    static final List<String> REQUIRED = List.of("KAFKA_BOOTSTRAP_SERVERS", "POSTGRES_JDBC_URL",
            "AUDIT_JWT_PUBLIC_KEY", "SSPR_KEYS_DIR");

    @Override
    public Map<String, String> start() {
        List<String> missing = REQUIRED.stream().filter(name -> isBlank(System.getenv(name))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing " + missing + ": run `deploy/local/stack parts` and "
                    + "`eval \"$(deploy/local/stack env)\"` first");
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
