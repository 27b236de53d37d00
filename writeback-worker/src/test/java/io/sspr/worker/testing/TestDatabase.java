package io.sspr.worker.testing;

import io.sspr.events.testing.DatabaseRoles;
import io.sspr.events.testing.DatabaseRoles.Login;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The local stack's PostgreSQL, schema writeback, for tests of the ledger without the application: as the worker's own
 * role (sspr_worker), so these tests show that its grants suffice for the ledger's work. The roles and the URL are
 * {@link DatabaseRoles}' (which fails with how to start the database when one is unset).
 */
public final class TestDatabase {
    private static final String WORKER = "WORKER";

    private TestDatabase() {
    }

    public static PGSimpleDataSource dataSource() {
        Login role = DatabaseRoles.runtime(WORKER);
        PGSimpleDataSource created = new PGSimpleDataSource();
        created.setUrl(DatabaseRoles.jdbcUrl());
        created.setUser(role.user());
        created.setPassword(role.password());
        created.setCurrentSchema("writeback");
        return created;
    }

    /**
     * The worker's migrations, run as the schema's owner (sspr_worker_owner) as the stack's migration step does, with
     * the grants to the worker's role.
     */
    public static void migrate() {
        Login owner = DatabaseRoles.owner(WORKER);
        Flyway.configure()
                .dataSource(DatabaseRoles.jdbcUrl(), owner.user(), owner.password())
                .schemas("writeback")
                .placeholders(Map.of("runtime_role", DatabaseRoles.runtime(WORKER).user()))
                .load()
                .migrate();
    }
}
