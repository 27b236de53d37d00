package io.sspr.worker.persistence;

import static io.sspr.events.testing.DatabaseRoles.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sspr.events.testing.DatabaseRoles.Login;
import io.sspr.events.testing.DatabaseRoles;
import io.sspr.worker.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's own PostgreSQL role (sspr_worker) on the real database, migrated by the owner (sspr_worker_owner). That
 * its rights suffice for the ledger's work (claims, STARTED, APPLIED, PUBLISHED, the purge) is shown by
 * {@link PgRequestLedgerIT} and the worker's other tests, which run as this role.
 */
class WorkerDatabaseRoleIT {
    private static final Login ROLE = DatabaseRoles.runtime("WORKER");

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @Test
    void theWorkerRunsAsItsOwnRoleNotTheOwnerNorASuperuser() throws SQLException {
        DatabaseRoles.assertOwnRoles("WORKER", "sspr_worker", "writeback");
    }

    @Test
    void itHoldsTheLedgersDmlAndNothingMore() throws SQLException {
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            assertEquals(Map.of("request_ledger", Set.of("SELECT", "INSERT", "UPDATE", "DELETE"),
                    "flyway_schema_history", Set.of("SELECT")), DatabaseRoles.tablePrivileges(connection, "writeback"));
            assertRefused(connection, "truncate writeback.request_ledger");
            assertRefused(connection, "alter table writeback.request_ledger owner to sspr_worker");
            assertRefused(connection, "drop table writeback.request_ledger");
            assertRefused(connection, "create table writeback.request_ledger_copy (id uuid)");
            assertRefused(connection, "delete from writeback.flyway_schema_history");
        }
    }
}
