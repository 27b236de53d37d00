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
 * The ledger in PostgreSQL (schema {@code writeback}, table from V1__request_ledger.sql). Each step is one
 * auto-committed statement on the request's path: plain JDBC, because an ORM session and a JTA transaction per step
 * cost the worker more CPU than the statements themselves (measured by the writeback benchmark).
 */
@ApplicationScoped
public class PgRequestLedger implements RequestLedger {
    private final DataSource dataSource;

    public PgRequestLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Entry> find(UUID correlationId) {
        String sql = "select event_id, state, pwd_last_set_before, result_json from request_ledger"
                + " where correlation_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, correlationId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long before = row.getLong("pwd_last_set_before");
                Long pwdLastSetBefore = row.wasNull() ? null : before;
                return Optional.of(new Entry(correlationId, row.getObject("event_id", UUID.class),
                        LedgerState.valueOf(row.getString("state")), pwdLastSetBefore,
                        Optional.ofNullable(row.getString("result_json"))
                                .map(json -> EventJson.read(json, PasswordResult.class))));
            }
        } catch (SQLException e) {
            throw new LedgerException("find", e);
        }
    }

    @Override
    public void started(PasswordValidated event, String userDn, long pwdLastSetBefore, Instant now) {
        execute("started", "insert into request_ledger (correlation_id, event_id, operation, user_key, user_dn, state,"
                + " pwd_last_set_before, started_at, updated_at) values (?, ?, ?, ?, ?, 'STARTED', ?, ?, ?)"
                + " on conflict (correlation_id) do nothing",
                event.correlationId(), event.eventId(), event.operation().wireName(), event.userKey(), userDn,
                pwdLastSetBefore, Timestamp.from(now), Timestamp.from(now));
    }

    @Override
    public void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now) {
        execute("applied", "insert into request_ledger (correlation_id, event_id, operation, user_key, user_dn, state,"
                + " result_json, started_at, updated_at) values (?, ?, ?, ?, ?, 'APPLIED', ?, ?, ?)"
                + " on conflict (correlation_id) do update set state = 'APPLIED', result_json = excluded.result_json,"
                + " updated_at = excluded.updated_at",
                event.correlationId(), event.eventId(), event.operation().wireName(), event.userKey(), userDn,
                EventJson.write(result), Timestamp.from(now), Timestamp.from(now));
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

    private int execute(String step, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException(step, e);
        }
    }
}
