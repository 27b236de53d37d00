package io.sspr.audit.persistence;

import io.sspr.audit.chain.ChainHash;
import io.sspr.audit.chain.ChainJson;
import io.sspr.audit.chain.ChainedRecord;
import io.sspr.audit.chain.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The chain's tables, in plain JDBC: the records' chain columns (written by the database's trigger on insert,
 * V4__audit_chain.sql), the chain head, the checkpoints, and the retention function. A walk or an export reads one
 * consistent snapshot and streams the records through a cursor, so a chain of millions is never held in memory.
 */
@ApplicationScoped
public class ChainStore {
    private static final String CHAIN_COLUMNS = """
            sequence, previous_hash, hash, id, category, correlation_id, activity_date_time, activity_display_name,
            logged_by_service, operation_type, result, result_reason, initiated_by_upn, target_user_key, target_upn,
            additional_details::text, recorded_at""";
    /** Records fetched per round trip while streaming. */
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;
    private final String schema;

    public ChainStore(DataSource dataSource,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** The chain head: the newest record's number and hash (0 and the genesis hash before the first record). */
    public record Head(long sequence, String hash) {
    }

    /** What a retention run removed: how many records, through which checkpoint (null when none was old enough). */
    public record Purge(long purged, Long throughSequence) {
    }

    /** Work on one snapshot of the chain. */
    @FunctionalInterface
    public interface SnapshotWork<T> {
        T apply(Snapshot snapshot) throws SQLException;
    }

    /**
     * Runs the work in one read-only, repeatable-read transaction: the head, the checkpoints and the records it reads
     * agree with each other, whatever is inserted meanwhile.
     */
    public <T> T read(SnapshotWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Snapshot snapshot = new Snapshot(connection);
            try {
                return work.apply(snapshot);
            } finally {
                snapshot.close();
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit chain failed", e);
        }
    }

    /** One snapshot of the chain, valid inside {@link #read}. */
    public final class Snapshot {
        private final Connection connection;
        private final List<RecordCursor> cursors = new ArrayList<>();

        private Snapshot(Connection connection) {
            this.connection = connection;
        }

        public OptionalLong head() throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select sequence from " + schema + ".audit_chain_head")) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }

        public NavigableMap<Long, Checkpoint> checkpoints() throws SQLException {
            NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();
            for (Checkpoint checkpoint : ChainStore.this.checkpoints(connection, 0)) {
                checkpoints.put(checkpoint.sequence(), checkpoint);
            }
            return checkpoints;
        }

        public boolean hasCheckpoint(long sequence) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(
                    "select 1 from " + schema + ".audit_checkpoint where sequence = ?")) {
                query.setLong(1, sequence);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        }

        /**
         * The records numbered after {@code sequence} in order, then any record without a number (the column is not
         * null, so only someone who changed the table could have left one). Read as the iterator advances.
         */
        public Iterator<ChainedRecord> recordsAfter(long sequence) {
            RecordCursor cursor = new RecordCursor(connection, sequence);
            cursors.add(cursor);
            return cursor;
        }

        /** A walk that stops at a broken link leaves its cursor open. */
        private void close() throws SQLException {
            for (RecordCursor cursor : cursors) {
                cursor.close();
            }
        }
    }

    public Optional<Head> head() {
        return query("select sequence, hash from " + schema + ".audit_chain_head", rows -> rows.next()
                ? Optional.of(new Head(rows.getLong(1), ChainHash.hex(rows.getBytes(2))))
                : Optional.empty());
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return query("select sequence, hash, created_at, signature from " + schema
                + ".audit_checkpoint order by sequence desc limit 1",
                rows -> rows.next() ? Optional.of(checkpoint(rows)) : Optional.empty());
    }

    /** Oldest first, from {@code fromSequence} on. */
    public List<Checkpoint> checkpoints(long fromSequence) {
        try (Connection connection = dataSource.getConnection()) {
            return checkpoints(connection, fromSequence);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit checkpoints failed", e);
        }
    }

    /**
     * Stores a checkpoint; false when one for that sequence exists (another instance signed the same head). The
     * database refuses one that names no stored record with that hash.
     */
    public boolean insert(Checkpoint checkpoint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into " + schema
                        + ".audit_checkpoint (sequence, hash, created_at, signature) values (?, ?, ?, ?)"
                        + " on conflict (sequence) do nothing")) {
            insert.setLong(1, checkpoint.sequence());
            insert.setBytes(2, ChainHash.unhex(checkpoint.hash()));
            insert.setObject(3, OffsetDateTime.ofInstant(checkpoint.createdAt(), ZoneOffset.UTC));
            insert.setString(4, checkpoint.signature());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("storing an audit checkpoint failed", e);
        }
    }

    /**
     * Removes the oldest records through the newest checkpoint whose record was stored before {@code cut}, by the
     * database's purge_records (the runtime role's only way to delete; it never removes a record of the last 30 days).
     */
    public Purge purgeBefore(Instant cut) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(
                        "select purged, through_sequence from " + schema + ".purge_records(?)")) {
            purge.setObject(1, OffsetDateTime.ofInstant(cut, ZoneOffset.UTC));
            try (ResultSet rows = purge.executeQuery()) {
                rows.next();
                long purged = rows.getLong(1);
                long through = rows.getLong(2);
                return new Purge(purged, rows.wasNull() ? null : through);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("purging old audit records failed", e);
        }
    }

    private List<Checkpoint> checkpoints(Connection connection, long fromSequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select sequence, hash, created_at, signature from "
                + schema + ".audit_checkpoint where sequence >= ? order by sequence")) {
            query.setLong(1, fromSequence);
            try (ResultSet rows = query.executeQuery()) {
                List<Checkpoint> checkpoints = new ArrayList<>();
                while (rows.next()) {
                    checkpoints.add(checkpoint(rows));
                }
                return checkpoints;
            }
        }
    }

    private static Checkpoint checkpoint(ResultSet rows) throws SQLException {
        return new Checkpoint(rows.getLong(1), ChainHash.hex(rows.getBytes(2)),
                rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4));
    }

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, RowsReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit chain failed", e);
        }
    }

    /** Streams the numbered records through a server-side cursor, then the unnumbered ones. */
    private final class RecordCursor implements Iterator<ChainedRecord> {
        private final Connection connection;
        private final long after;
        private PreparedStatement statement;
        private ResultSet rows;
        private boolean unnumbered;
        private ChainedRecord next;
        private boolean done;

        RecordCursor(Connection connection, long after) {
            this.connection = connection;
            this.after = after;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public ChainedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ChainedRecord record = next;
            next = null;
            return record;
        }

        private ChainedRecord advance() {
            try {
                if (rows == null) {
                    open("where sequence > ? order by sequence", after);
                }
                while (!rows.next()) {
                    close();
                    if (unnumbered) {
                        return null;
                    }
                    unnumbered = true;
                    open("where sequence is null order by id", null);
                }
                return record(rows);
            } catch (SQLException e) {
                throw new IllegalStateException("reading the audit chain failed", e);
            }
        }

        private void open(String condition, Long parameter) throws SQLException {
            statement = connection.prepareStatement("select " + CHAIN_COLUMNS + " from " + schema + ".audit_record "
                    + condition);
            statement.setFetchSize(FETCH_SIZE);
            if (parameter != null) {
                statement.setLong(1, parameter);
            }
            rows = statement.executeQuery();
        }

        void close() throws SQLException {
            if (rows != null) {
                rows.close();
                statement.close();
                rows = null;
            }
        }
    }

    private static ChainedRecord record(ResultSet rows) throws SQLException {
        long sequence = rows.getLong(1);
        Long number = rows.wasNull() ? null : sequence;
        return new ChainedRecord(number, hexOrNull(rows.getBytes(2)), hexOrNull(rows.getBytes(3)),
                rows.getObject(4, UUID.class), rows.getString(5), rows.getObject(6, UUID.class),
                instant(rows, 7), rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11),
                rows.getString(12), rows.getString(13), rows.getString(14), rows.getString(15),
                ChainJson.details(rows.getString(16)), instant(rows, 17));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static String hexOrNull(byte[] bytes) {
        return bytes == null ? null : ChainHash.hex(bytes);
    }
}
