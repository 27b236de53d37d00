package io.sspr.audit.persistence;

import static io.sspr.events.testing.DatabaseRoles.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.audit.rest.AuditRealParts;
import io.sspr.audit.service.ChainService;
import io.sspr.events.testing.DatabaseRoles.Login;
import io.sspr.events.testing.DatabaseRoles;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit service's own PostgreSQL role (sspr_audit) on the real database, migrated by the owner (Quarkus runs the
 * migrations as sspr_audit_owner before these tests): it adds records and reads them, adds checkpoints, and removes
 * only what retention allows through the owner's purge_records; PostgreSQL refuses it everything else, so a
 * compromised audit service cannot rewrite or remove what it stored, nor place a record in the chain itself. The
 * records these tests store stay: they are chained like any other, and removing them would break the chain.
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

    /** The application's own connections: what its other tests do, they do as this role. */
    @Inject
    DataSource dataSource;

    @Inject
    ChainService chain;

    @Test
    void itHoldsSelectAndInsertOnItsRecordsAndCheckpointsAndOnlyReadsTheChainHeadAndMigrationHistory()
            throws SQLException {
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            assertEquals(Map.of("audit_record", Set.of("SELECT", "INSERT"),
                    "audit_checkpoint", Set.of("SELECT", "INSERT"),
                    "audit_chain_head", Set.of("SELECT"),
                    "flyway_schema_history", Set.of("SELECT")),
                    DatabaseRoles.tablePrivileges(connection, "audit"));
        }
    }

    @Test
    void theOnlyFunctionItMayCallIsRetentionsPurge() throws SQLException {
        try (Connection connection = DatabaseRoles.connect(ROLE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select p.proname from pg_proc p"
                        + " join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'audit'"
                        + " and has_function_privilege(current_user, p.oid, 'EXECUTE')")) {
            Set<String> callable = new TreeSet<>();
            while (rows.next()) {
                callable.add(rows.getString(1));
            }
            assertEquals(Set.of("purge_records"), callable);
        }
    }

    /**
     * The triggers number, link and hash every record as the owner: what the inserter claims is overwritten, and so
     * is a link it set itself in the setting through which the triggers pass a statement's links along.
     */
    @Test
    void theChainColumnsItSendsAreReplacedByTheTriggers() throws SQLException {
        UUID before = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            // a record of its own to chain after: the one before may have been removed by a tamper test
            insert(connection, before);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select set_config('sspr_audit.chain_tail', '1 ' || repeat('00', 32) || ' 0', false)");
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into audit.audit_record (id, category, correlation_id, activity_date_time,
                        activity_display_name, logged_by_service, operation_type, result, sequence, previous_hash,
                        hash, recorded_at)
                    values (?, 'RoleTest', gen_random_uuid(), now(), 'Role test', 'audit-service', 'Add', 'success',
                        1, decode(repeat('00', 32), 'hex'), decode(repeat('ab', 32), 'hex'), '2000-01-01T00:00:00Z')
                    """)) {
                insert.setObject(1, id);
                assertEquals(1, insert.executeUpdate());
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    select r.sequence, r.hash = decode(repeat('ab', 32), 'hex'), r.recorded_at > now() - interval '1 hour',
                           r.previous_hash = p.hash
                      from audit.audit_record r join audit.audit_record p on p.sequence = (
                           select max(sequence) from audit.audit_record where sequence < r.sequence
                              and sequence >= (select sequence from audit.audit_record where id = ?))
                     where r.id = ?
                    """)) {
                query.setObject(1, before);
                query.setObject(2, id);
                try (ResultSet rows = query.executeQuery()) {
                    assertTrue(rows.next(), "chained after the record before it");
                    assertTrue(rows.getLong(1) > 1, "numbered by the chain, not by the inserter");
                    assertEquals(List.of(false, true, true),
                            List.of(rows.getBoolean(2), rows.getBoolean(3), rows.getBoolean(4)));
                }
            }
        }
    }

    /** Retention is its only way to delete: never a record of the last 30 days, whatever cut it asks for. */
    @Test
    void itsPurgeCannotRemoveRecentRecords() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            insert(connection, id);
            chain.checkpoint();
            for (String cut : List.of("now() + interval '1 day'", "'infinity'")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select * from audit.purge_records(" + cut + ")");
                }
                assertEquals(1, count(connection, id), "a record of today stays");
            }
        }
    }

    @Test
    void itCannotStoreACheckpointOfAChainThatIsNotThere() throws SQLException {
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            for (String checkpoint : List.of(
                    "(select sequence + 1000000 from audit.audit_chain_head), decode(repeat('00', 32), 'hex')",
                    "(select sequence from audit.audit_chain_head), decode(repeat('cd', 32), 'hex')")) {
                SQLException refused = assertThrows(SQLException.class, () -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("insert into audit.audit_checkpoint (sequence, hash, created_at, signature)"
                                + " values (" + checkpoint + ", now(), 'forged')");
                    }
                });
                assertEquals("23514", refused.getSQLState(), refused.getMessage());
            }
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
            "update audit.audit_record set sequence = sequence + 1000000 where id = '%s'",
            "update audit.audit_chain_head set sequence = sequence + 1",
            "delete from audit.audit_chain_head",
            "update audit.audit_checkpoint set signature = 'forged'",
            "delete from audit.audit_checkpoint",
            "truncate audit.audit_checkpoint",
            "alter table audit.audit_record disable trigger audit_record_chain",
            "drop trigger audit_record_chain on audit.audit_record",
            "alter table audit.audit_record alter column sequence drop not null",
            "select audit.chain_hash(1, null, r) from audit.audit_record r limit 1",
            "create or replace function audit.purge_records(cut timestamptz, out purged bigint,"
                    + " out through_sequence bigint) language sql as $$ select 0::bigint, 0::bigint $$",
            "alter function audit.purge_records(timestamptz) owner to sspr_audit",
            "drop function audit.purge_records(timestamptz)",
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
