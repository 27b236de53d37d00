package io.sspr.worker.persistence;

import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.json.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The ledger in PostgreSQL (schema {@code writeback}, table from V1__request_ledger.sql). Plain JDBC, because an ORM
 * session and a JTA transaction per step cost the worker more CPU than the statements themselves (measured by the
 * writeback benchmark).
 *
 * <p>A claim is a transaction-scoped advisory lock on the request, held by a connection with autocommit off from the
 * row's read to the outcome's commit; PostgreSQL releases it with that commit, or when the connection dies with its
 * holder. STARTED goes through another, auto-committed connection, so it is durable before the directory is written
 * while the lock is still held. Per request that is one round trip more than without a claim (the commit).
 */
@ApplicationScoped
public class PgRequestLedger implements RequestLedger {
    private static final String COLUMNS = "event_id, state, pwd_last_set_before, dc, result_json";
    /**
     * Two statements in one round trip. The row is read by the second, after the lock is held: in READ COMMITTED
     * it sees everything the previous holder committed, which one statement (one snapshot) would not guarantee.
     */
    private static final String CLAIM = "select pg_try_advisory_xact_lock(?); select " + COLUMNS
            + " from request_ledger where correlation_id = ?";
    /** A second STARTED (a write again, after the DC showed the first did not happen) replaces the first. */
    private static final String STARTED = "insert into request_ledger (correlation_id, event_id, operation, user_key,"
            + " user_dn, state, pwd_last_set_before, dc, started_at, updated_at)"
            + " values (?, ?, ?, ?, ?, 'STARTED', ?, ?, ?, ?)"
            + " on conflict (correlation_id) do update set user_dn = excluded.user_dn,"
            + " pwd_last_set_before = excluded.pwd_last_set_before, dc = excluded.dc, updated_at = excluded.updated_at"
            + " where request_ledger.state = 'STARTED'";
    /** Never over a finished row: its outcome was the first, and may already be on Kafka. */
    private static final String APPLIED = "insert into request_ledger (correlation_id, event_id, operation, user_key,"
            + " user_dn, state, result_json, started_at, updated_at) values (?, ?, ?, ?, ?, 'APPLIED', ?, ?, ?)"
            + " on conflict (correlation_id) do update set state = 'APPLIED', result_json = excluded.result_json,"
            + " updated_at = excluded.updated_at where request_ledger.state = 'STARTED'";

    private final DataSource dataSource;

    public PgRequestLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Claim claim(UUID correlationId) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new LedgerException("claim", e);
        }
        try {
            connection.setAutoCommit(false);
            boolean locked;
            Optional<Entry> entry;
            try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                statement.setLong(1, lockKey(correlationId));
                statement.setObject(2, correlationId);
                statement.execute();
                try (ResultSet lock = statement.getResultSet()) {
                    locked = lock.next() && lock.getBoolean(1);
                }
                if (!statement.getMoreResults()) {
                    throw new SQLException("the claim's row read returned nothing", "XX000");
                }
                try (ResultSet row = statement.getResultSet()) {
                    entry = entry(correlationId, row);
                }
            }
            if (!locked) {
                throw new RequestClaimedException(correlationId, "is being applied by another worker instance");
            }
            return new PgClaim(connection, entry);
        } catch (SQLException e) {
            end(connection);
            throw new LedgerException("claim", e);
        } catch (RuntimeException e) {
            end(connection);
            throw e;
        }
    }

    /** The request's lock: 64 bits of its correlation id (a collision only makes one request wait for another). */
    static long lockKey(UUID correlationId) {
        return correlationId.getMostSignificantBits() ^ correlationId.getLeastSignificantBits();
    }

    /** Ends the claim's transaction (releasing the lock) and gives the connection back. */
    private static void end(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // A dead connection: PostgreSQL ended the transaction and its lock with it.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // As above.
        }
    }

    private final class PgClaim implements Claim {
        private final Connection connection;
        private final Optional<Entry> entry;
        private boolean closed;

        PgClaim(Connection connection, Optional<Entry> entry) {
            this.connection = connection;
            this.entry = entry;
        }

        @Override
        public Optional<Entry> entry() {
            return entry;
        }

        @Override
        public void started(PasswordValidated event, String userDn, long pwdLastSetBefore, String dc, Instant now) {
            int rows = execute("started", STARTED, event.correlationId(), event.eventId(),
                    event.operation().wireName(), event.userKey(), userDn, pwdLastSetBefore, dc, Timestamp.from(now),
                    Timestamp.from(now));
            if (rows == 0) {
                throw new RequestClaimedException(event.correlationId(), "was finished by another worker instance");
            }
        }

        @Override
        public void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now) {
            int rows;
            try (PreparedStatement statement = connection.prepareStatement(APPLIED)) {
                bind(statement, event.correlationId(), event.eventId(), event.operation().wireName(), event.userKey(),
                        userDn, EventJson.write(result), Timestamp.from(now), Timestamp.from(now));
                rows = statement.executeUpdate();
                if (rows == 0) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
            } catch (SQLException e) {
                throw new LedgerException("applied", e);
            }
            if (rows == 0) {
                throw new RequestClaimedException(event.correlationId(), "was finished by another worker instance");
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                end(connection);
            }
        }
    }

    @Override
    public Optional<Entry> find(UUID correlationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                        + " from request_ledger where correlation_id = ?")) {
            statement.setObject(1, correlationId);
            try (ResultSet row = statement.executeQuery()) {
                return entry(correlationId, row);
            }
        } catch (SQLException e) {
            throw new LedgerException("find", e);
        }
    }

    private static Optional<Entry> entry(UUID correlationId, ResultSet row) throws SQLException {
        if (!row.next()) {
            return Optional.empty();
        }
        long before = row.getLong("pwd_last_set_before");
        Long pwdLastSetBefore = row.wasNull() ? null : before;
        String resultJson = row.getString("result_json");
        Optional<PasswordResult> result;
        try {
            result = Optional.ofNullable(resultJson).map(json -> EventJson.read(json, PasswordResult.class));
        } catch (RuntimeException e) {
            // Our own row: not the incoming event's fault, so never a reason to dead-letter it.
            throw new LedgerException("read of the stored result", e);
        }
        return Optional.of(new Entry(correlationId, row.getObject("event_id", UUID.class),
                LedgerState.valueOf(row.getString("state")), pwdLastSetBefore, row.getString("dc"), result));
    }

    @Override
    public void published(UUID correlationId, Instant now) {
        execute("published", "update request_ledger set state = 'PUBLISHED', updated_at = ? where correlation_id = ?",
                Timestamp.from(now), correlationId);
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return execute("purge", "delete from request_ledger where started_at < ? and state = 'PUBLISHED'",
                Timestamp.from(cutoff));
    }

    /** One auto-committed statement on a connection of its own. */
    private int execute(String step, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException(step, e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }
}
