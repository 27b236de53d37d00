package io.sspr.audit.rest;

import io.sspr.events.testing.DatabaseRoles;
import io.sspr.events.testing.DatabaseRoles.Login;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What someone with the database's superuser can do to stored records behind the audit service's back, and its
 * undoing, so the shared database's chain is whole again after each test. Each step is one transaction: a step that
 * fails leaves nothing half done. While a test tampers, {@link #holdHead}
 * keeps every insert waiting (they take the chain head's row lock first), so nobody chains onto a tampered table.
 */
final class ChainTamper implements AutoCloseable {
    private final Connection admin;

    private ChainTamper(Connection admin) {
        this.admin = admin;
    }

    static ChainTamper asSuperuser() throws SQLException {
        return new ChainTamper(DatabaseRoles.connect(superuser()));
    }

    static Login superuser() {
        return new Login(System.getenv().getOrDefault("POSTGRES_ADMIN_USER", "postgres"),
                System.getenv().getOrDefault("POSTGRES_ADMIN_PASSWORD", ""));
    }

    /** Holds the chain head's row lock until closed: inserts wait, reads (and /verify) do not. */
    static AutoCloseable holdHead() throws SQLException {
        Connection holder = DatabaseRoles.connect(superuser());
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("select 1 from audit.audit_chain_head for update");
        }
        return () -> {
            holder.commit();
            holder.close();
        };
    }

    String reasonOf(long sequence) throws SQLException {
        return text("select result_reason from audit.audit_record where sequence = ?", sequence);
    }

    /** Changes one field of a record in place (or puts it back). */
    void setReason(long sequence, String reason) throws SQLException {
        update("update audit.audit_record set result_reason = ? where sequence = ?", reason, sequence);
    }

    /** Deletes a record; returns the whole row (as JSON) to put it back with. */
    String delete(long sequence) throws SQLException {
        return text("with gone as (delete from audit.audit_record where sequence = ? returning *)"
                + " select row_to_json(gone)::text from gone", sequence);
    }

    /** Puts a row back exactly as it was, past the chain trigger (which would give it a new number). */
    void putBack(String row) throws SQLException {
        transaction(() -> withoutTriggers(() -> update("insert into audit.audit_record"
                + " select * from json_populate_record(null::audit.audit_record, ?::json)", row)));
    }

    /**
     * Slips a forged record in at {@code sequence}: the records from there on move one number up, and the forgery gets
     * the previous record's hash as its predecessor and a hash computed as the trigger would.
     */
    void slipIn(long sequence) throws SQLException {
        transaction(() -> {
            renumber(sequence, 1);
            withoutTriggers(() -> update("""
                    insert into audit.audit_record (id, category, correlation_id, activity_date_time,
                        activity_display_name, logged_by_service, operation_type, result, recorded_at, sequence,
                        previous_hash, hash)
                    select gen_random_uuid(), 'ChainTamper', gen_random_uuid(), now(), 'Forged', 'audit-service', 'Add',
                        'success', now(), ?, p.hash, decode(repeat('00', 32), 'hex')
                      from audit.audit_record p where p.sequence = ? - 1
                    """, sequence, sequence));
            rehash(sequence);
        });
    }

    void undoSlipIn(long sequence) throws SQLException {
        transaction(() -> {
            update("delete from audit.audit_record where sequence = ? and category = 'ChainTamper'", sequence);
            renumber(sequence + 1, -1);
        });
    }

    /** Appends a well-formed record after the head without moving the head, as an insert past the trigger would. */
    long appendBeyondHead() throws SQLException {
        long next = Long.parseLong(text("select (sequence + 1)::text from audit.audit_chain_head"));
        transaction(() -> {
            withoutTriggers(() -> update("""
                    insert into audit.audit_record (id, category, correlation_id, activity_date_time,
                        activity_display_name, logged_by_service, operation_type, result, recorded_at, sequence,
                        previous_hash, hash)
                    select gen_random_uuid(), 'ChainTamper', gen_random_uuid(), now(), 'Forged', 'audit-service', 'Add',
                        'success', now(), h.sequence + 1, h.hash, decode(repeat('00', 32), 'hex')
                      from audit.audit_chain_head h
                    """));
            rehash(next);
        });
        return next;
    }

    void undoAppend(long sequence) throws SQLException {
        update("delete from audit.audit_record where sequence = ? and category = 'ChainTamper'", sequence);
    }

    /**
     * Changes a record and recomputes the hashes of it and of every record after it, the head's too, in one
     * transaction that holds the head: the chain is consistent again, and only a signed checkpoint can tell.
     */
    void rewriteReason(long sequence, String reason) throws SQLException {
        transaction(() -> {
            try (Statement lock = admin.createStatement()) {
                lock.execute("select 1 from audit.audit_chain_head for update");
            }
            update("update audit.audit_record set result_reason = ? where sequence = ?", reason, sequence);
            update("""
                    do $$
                    declare
                        r audit.audit_record;
                        previous bytea;
                    begin
                        select previous_hash into previous from audit.audit_record where sequence = %d;
                        for r in select * from audit.audit_record where sequence >= %d order by sequence loop
                            update audit.audit_record
                               set previous_hash = previous, hash = audit.chain_hash(r.sequence, previous, r)
                             where sequence = r.sequence
                            returning hash into previous;
                        end loop;
                        update audit.audit_chain_head set hash = previous;
                    end $$
                    """.formatted(sequence, sequence));
        });
    }

    /** The hash the trigger would have given the record as it now stands. */
    private void rehash(long sequence) throws SQLException {
        update("update audit.audit_record r set hash = audit.chain_hash(r.sequence, r.previous_hash, r)"
                + " where r.sequence = ?", sequence);
    }

    private void transaction(Work work) throws SQLException {
        admin.setAutoCommit(false);
        try {
            work.run();
            admin.commit();
        } catch (SQLException | RuntimeException e) {
            admin.rollback();
            throw e;
        } finally {
            admin.setAutoCommit(true);
        }
    }

    private void renumber(long from, int by) throws SQLException {
        // two steps, so that no two records share a number in between (the numbers are unique)
        update("update audit.audit_record set sequence = -sequence where sequence >= ?", from);
        update("update audit.audit_record set sequence = -sequence + ? where sequence < 0", by);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Superuser only: this session's inserts skip triggers, the chain's among them. */
    private void withoutTriggers(Work work) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        try {
            work.run();
        } finally {
            try (Statement statement = admin.createStatement()) {
                statement.execute("set session_replication_role = origin");
            }
        }
    }

    private String text(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = admin.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
