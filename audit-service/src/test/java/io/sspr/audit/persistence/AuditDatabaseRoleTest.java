package io.sspr.audit.persistence;

import static io.sspr.events.testing.DatabaseRoles.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.audit.rest.AuditRealParts;
import io.sspr.events.testing.DatabaseRoles.Login;
import io.sspr.events.testing.DatabaseRoles;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit service's own PostgreSQL role (sspr_audit) on the real database, migrated by the owner (Quarkus runs the
 * migrations as sspr_audit_owner before these tests): it adds records and reads them, and PostgreSQL refuses it
 * everything else, so a compromised audit service cannot rewrite or remove what it stored.
 */
@QuarkusTest
@WithTestResource(AuditRealParts.class)
class AuditDatabaseRoleTest {
    private static final Login ROLE = DatabaseRoles.runtime("AUDIT");
    private static final String INSERT = """
            insert into audit.audit_record (id, category, correlation_id, activity_date_time, activity_display_name,
                logged_by_service, operation_type, result)
            values (?, 'RoleTest', ?, now(), 'Role test', 'audit-service', 'Add', 'success')
            on conflict (id) do nothing
            """;

    /** What these tests stored goes, by the administrator: the role itself cannot remove it. */
    @AfterAll
    static void removeTheTestRecords() throws SQLException {
        Login admin = new Login(System.getenv().getOrDefault("POSTGRES_ADMIN_USER", "postgres"),
                System.getenv().getOrDefault("POSTGRES_ADMIN_PASSWORD", ""));
        try (Connection connection = DatabaseRoles.connect(admin); Statement statement = connection.createStatement()) {
            statement.execute("delete from audit.audit_record where category = 'RoleTest'");
        }
    }

    /** The application's own connections: what its other tests do, they do as this role. */
    @Inject
    DataSource dataSource;

    @Test
    void itHoldsSelectAndInsertOnItsRecordsAndOnlyReadsTheMigrationHistory() throws SQLException {
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            assertEquals(Map.of("audit_record", Set.of("SELECT", "INSERT"), "flyway_schema_history", Set.of("SELECT")),
                    DatabaseRoles.tablePrivileges(connection, "audit"));
        }
    }

    @Test
    void theServiceRunsAsItsOwnRoleNotTheOwnerNorASuperuser() throws SQLException {
        DatabaseRoles.assertOwnRoles(dataSource, "AUDIT", "sspr_audit", "audit");
    }

    @Test
    void itInsertsAndReadsARecordAndARedeliveryIsNoError() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            assertEquals(1, insert(connection, id));
            assertEquals(0, insert(connection, id), "on conflict do nothing needs no more than INSERT");
            try (PreparedStatement query = connection.prepareStatement(
                    "select category, result from audit.audit_record where id = ?")) {
                query.setObject(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals("RoleTest", rows.getString(1));
                    assertEquals("success", rows.getString(2));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "update audit.audit_record set result = 'failure' where id = '%s'",
            "update audit.audit_record set result = 'failure'",
            "delete from audit.audit_record where id = '%s'",
            "delete from audit.audit_record",
            "truncate audit.audit_record",
            "insert into audit.audit_record (id, category, correlation_id, activity_date_time, activity_display_name,"
                    + " logged_by_service, operation_type, result) values ('%s', 'x', gen_random_uuid(), now(), 'x',"
                    + " 'x', 'x', 'success') on conflict (id) do update set result = 'failure'",
            "alter table audit.audit_record disable trigger all",
            "alter table audit.audit_record owner to sspr_audit",
            "drop table audit.audit_record",
            "create table audit.audit_record_copy (id uuid)",
            "insert into audit.flyway_schema_history (installed_rank, description, type, script, installed_by,"
                    + " execution_time, success) values (-1, 'x', 'SQL', 'x', 'x', 0, true)",
            "delete from audit.flyway_schema_history",
    })
    void everythingElseOnItsRecordsIsRefused(String statement) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            insert(connection, id);
            assertRefused(connection, statement.formatted(id));
            assertEquals(1, count(connection, id), "the record is as it was stored");
        }
    }

    @Test
    void itCannotGrantItselfMore() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            insert(connection, id);
            // Not the owner and no grant option: PostgreSQL grants nothing (a warning, or an error)
            try (Statement statement = connection.createStatement()) {
                statement.execute("grant update, delete, truncate on audit.audit_record to sspr_audit");
            } catch (SQLException refused) {
                assertEquals(DatabaseRoles.INSUFFICIENT_PRIVILEGE, refused.getSQLState(), refused.getMessage());
            }
            assertRefused(connection, "update audit.audit_record set result = 'failure' where id = '" + id + "'");
            assertRefused(connection, "delete from audit.audit_record where id = '" + id + "'");
            assertRefused(connection, "truncate audit.audit_record");
        }
    }

    private static int insert(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.randomUUID());
            return insert.executeUpdate();
        }
    }

    private static long count(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from audit.audit_record where id = ? and result = 'success'")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
