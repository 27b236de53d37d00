package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

/**
 * The database credentials a launched service gets: its own runtime role (from {@code deploy/local/stack env}'s
 * {@code POSTGRES_<SERVICE>_USER}/{@code _PASSWORD}), never the administrator the tests connect as; the validator has
 * no database. The services only validate their schema at start: the modules' tests (or the stack) migrated it.
 */
final class ServiceDatabase {
    private static final Map<String, String> PREFIX = Map.of("reset-portal", "POSTGRES_PORTAL",
            "writeback-worker", "POSTGRES_WORKER", "audit-service", "POSTGRES_AUDIT");

    private ServiceDatabase() {
    }

    /** Puts the service's own database role into its environment, and takes the administrator's out. */
    static void apply(String service, Map<String, String> environment) {
        environment.remove("POSTGRES_USER");
        environment.remove("POSTGRES_PASSWORD");
        environment.keySet().removeIf(name -> name.startsWith("POSTGRES_") && !name.equals("POSTGRES_JDBC_URL"));
        String prefix = PREFIX.get(service);
        if (prefix == null) {
            environment.remove("POSTGRES_JDBC_URL");
            return;
        }
        environment.put("POSTGRES_USER", required(prefix + "_USER"));
        environment.put("POSTGRES_PASSWORD", required(prefix + "_PASSWORD"));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set: " + RealParts.HOW_TO_START);
        }
        return value;
    }
}
