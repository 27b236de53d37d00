package io.sspr.audit.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The auditors' reads of the audit table, in plain JDBC: one SQL statement for a page and for an export, ordered by
 * (activityDateTime, id) and continued after a position (keyset paging, never an offset), so that each page reads
 * only its own rows through one of V3's indexes, and a record that arrives between two pages neither repeats nor
 * hides one. An export is read through a server-side cursor ({@link #FETCH_SIZE} rows at a time, in a read-only
 * transaction of its own), so it is never held in memory.
 */
@ApplicationScoped
public class AuditRecordReader {
    /** Rows an export holds at once. */
    static final int FETCH_SIZE = 1000;
    private static final String COLUMNS = "id, category, correlation_id, activity_date_time, activity_display_name, "
            + "logged_by_service, operation_type, result, result_reason, initiated_by_upn, target_user_key, "
            + "target_upn, additional_details::text";
    private static final TypeReference<List<AuditDetail>> DETAILS = new TypeReference<>() {
    };

    /** Hands each record on as it is read; may fail writing it out. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(AuditRecord record) throws IOException;
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String table;

    public AuditRecordReader(DataSource dataSource, ObjectMapper json,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("the audit schema's name is not a plain identifier: " + schema);
        }
        this.dataSource = dataSource;
        this.json = json;
        this.table = schema + ".audit_record";
    }

    /** At most {@code query.limit()} records, in the query's order. */
    public List<AuditRecord> list(AuditQuery query) {
        List<AuditRecord> records = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, query);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                records.add(record(rows));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit query failed (SQLState " + e.getSQLState() + ")", e);
        }
        return records;
    }

    /**
     * Every record of the query, in its order, handed to {@code sink} while PostgreSQL sends them. A cursor lives
     * only within a transaction, so the connection leaves auto-commit for the export and rolls back after it (it
     * changed nothing).
     *
     * @return how many records were handed on
     */
    public long stream(AuditQuery query, RecordSink sink) throws IOException {
        long count = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = prepare(connection, query)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(record(rows));
                        count++;
                    }
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit export failed (SQLState " + e.getSQLState() + ")", e);
        }
        return count;
    }

    private PreparedStatement prepare(Connection connection, AuditQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = sql(query, parameters);
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    /** The statement for a query; its parameters are added to {@code parameters} in order. */
    String sql(AuditQuery query, List<Object> parameters) {
        AuditRecordFilter filter = query.filter();
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from ").append(table)
                .append(" where true");
        where(sql, parameters, "activity_date_time >= ?", filter.from() == null ? null : utc(filter.from()));
        where(sql, parameters, "activity_date_time < ?", filter.to() == null ? null : utc(filter.to()));
        where(sql, parameters, "category = ?", filter.category());
        where(sql, parameters, "activity_display_name = ?", filter.activity());
        where(sql, parameters, "result = ?", filter.result());
        // lower() on both sides, as the indexes are built: the database's own case folding, not Java's locale
        where(sql, parameters, "lower(target_upn) = lower(?)", filter.targetUser());
        where(sql, parameters, "lower(initiated_by_upn) = lower(?)", filter.initiatedBy());
        where(sql, parameters, "correlation_id = ?", filter.correlationId());
        boolean newestFirst = query.order() == AuditQuery.Order.NEWEST_FIRST;
        if (query.after() != null) {
            // a row comparison, which PostgreSQL turns into one range of the (…, activity_date_time, id) index
            sql.append(" and (activity_date_time, id) ").append(newestFirst ? "<" : ">").append(" (?, ?)");
            parameters.add(utc(query.after().activityDateTime()));
            parameters.add(query.after().id());
        }
        String direction = newestFirst ? " desc" : " asc";
        sql.append(" order by activity_date_time").append(direction).append(", id").append(direction);
        if (query.limit() != AuditQuery.UNLIMITED) {
            sql.append(" limit ?");
            parameters.add(query.limit());
        }
        return sql.toString();
    }

    /** One more condition, when its value is given. */
    private static void where(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            parameters.add(value);
        }
    }

    private AuditRecord record(ResultSet rows) throws SQLException {
        AuditRecord record = new AuditRecord();
        record.id = rows.getObject(1, UUID.class);
        record.category = rows.getString(2);
        record.correlationId = rows.getObject(3, UUID.class);
        record.activityDateTime = rows.getObject(4, OffsetDateTime.class).toInstant();
        record.activityDisplayName = rows.getString(5);
        record.loggedByService = rows.getString(6);
        record.operationType = rows.getString(7);
        record.result = rows.getString(8);
        record.resultReason = rows.getString(9);
        record.initiatedByUpn = rows.getString(10);
        record.targetUserKey = rows.getString(11);
        record.targetUpn = rows.getString(12);
        record.additionalDetails = details(rows.getString(13));
        return record;
    }

    private List<AuditDetail> details(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored record's additionalDetails are not a key/value list", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
