package io.sspr.worker.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The local stack's PostgreSQL, schema writeback, for tests of the ledger without the application: as the worker's own
 * role (sspr_worker), so these tests show that its grants suffice for the ledger's work.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** Fails with how to start the database when one of its variables is unset. */
    public static PGSimpleDataSource dataSource() {
        PGSimpleDataSource created = new PGSimpleDataSource();
        created.setUrl(required("POSTGRES_JDBC_URL"));
        created.setUser(required("POSTGRES_WORKER_USER"));
        created.setPassword(required("POSTGRES_WORKER_PASSWORD"));
        created.setCurrentSchema("writeback");
        return created;
    }

    /**
     * The worker's migrations, run as the schema's owner (sspr_worker_owner) as the stack's migration step does, with
     * the grants to the worker's role.
     */
    public static void migrate() {
        Flyway.configure()
                .dataSource(required("POSTGRES_JDBC_URL"), required("POSTGRES_WORKER_OWNER_USER"),
                        required("POSTGRES_WORKER_OWNER_PASSWORD"))
                .schemas("writeback")
                .placeholders(Map.of("runtime_role", required("POSTGRES_WORKER_USER")))
                .load()
                .migrate();
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set: run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"`");
        }
        return value;
    }
}
