package io.sspr.e2e;

import io.sspr.events.testing.RealParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The audit benchmark's own database ({@value #NAME}) on the stack's PostgreSQL: created by the superuser with the
 * schema {@code audit} of {@code sspr_audit_owner}, migrated by the service's own migration step (its packaged jar,
 * {@code QUARKUS_PROFILE=prod,migrate}, as the owner), seeded through the chain trigger as the runtime role
 * {@code sspr_audit}, and dropped at the end. The stack's database ({@code sspr}) is never touched.
 */
final class AuditBenchDatabase implements AutoCloseable {
    static final String NAME = "sspr_audit_bench";
    /** Rows a seed statement inserts: one transaction each (the trigger's cost grows with a transaction's rows). */
    private static final int SEED_ROWS_PER_STATEMENT = 500;
    /**
     * Activities as the services record them (Entra's names), with who logs them and whether an operator starts them;
     * picked round-robin, so resets, changes and progress make most of the trail.
     */
    private static final String ACTIVITIES = """
            (values (0, 'Reset password (self-service)', 'writeback-worker', 'Update', false, 'written'),
                    (1, 'Self-service password reset flow activity progress', 'reset-portal', 'Update', false, 'verified'),
                    (2, 'Change password (self-service)', 'writeback-worker', 'Update', false, 'written'),
                    (3, 'Reset password (self-service)', 'policy-validator', 'Update', false, 'validated'),
                    (4, 'Self-service password reset flow activity progress', 'reset-portal', 'Update', false, 'code-sent'),
                    (5, 'Unlock user account (self-service)', 'writeback-worker', 'Update', false, 'written'),
                    (6, 'User registered for self-service password reset', 'reset-portal', 'Add', false, 'registered'),
                    (7, 'Reset password (by admin)', 'writeback-worker', 'Update', true, 'written'),
                    (8, 'Security info saved for self-service password reset', 'reset-portal', 'Add', false, 'saved'),
                    (9, 'Blocked from self-service password reset', 'reset-portal', 'Update', false, 'blocked'))
                as activity (i, name, service, operation, by_admin, stage)""";

    private final String serverUrl;
    private final String admin;
    private final String adminPassword;
    private final String owner;
    private final String ownerPassword;
    private final String runtime;
    private final String runtimePassword;
    private final boolean keep;
    /** One connection for the counts, kept open: a new backend every 100 ms would cost CPU the ingest is measured by. */
    private Connection watch;

    private AuditBenchDatabase(String serverUrl, boolean keep) {
        this.serverUrl = serverUrl;
        this.admin = RealParts.env("POSTGRES_ADMIN_USER");
        // empty on the local stack, whose superuser signs in over TCP without one
        this.adminPassword = RealParts.env("POSTGRES_ADMIN_PASSWORD", "");
        this.owner = RealParts.env("POSTGRES_AUDIT_OWNER_USER");
        this.ownerPassword = RealParts.env("POSTGRES_AUDIT_OWNER_PASSWORD");
        this.runtime = RealParts.env("POSTGRES_AUDIT_USER");
        this.runtimePassword = RealParts.env("POSTGRES_AUDIT_PASSWORD");
        this.keep = keep;
    }

    /**
     * Drops what an aborted run left and creates the database afresh; refuses with the stack's hint when PostgreSQL
     * does not answer or the audit roles are missing.
     *
     * @param keep leave the database after the run (to EXPLAIN its queries); the next run drops it anyway
     */
    static AuditBenchDatabase create(String stackJdbcUrl, boolean keep) {
        String serverUrl = stackJdbcUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1");
        if (serverUrl.equals(stackJdbcUrl)) {
            throw new IllegalStateException("POSTGRES_JDBC_URL is not jdbc:postgresql://host:port/database: "
                    + stackJdbcUrl);
        }
        AuditBenchDatabase database = new AuditBenchDatabase(serverUrl, keep);
        try (Connection connection = database.connect("postgres", database.admin, database.adminPassword);
                Statement statement = connection.createStatement()) {
            for (String role : List.of(database.owner, database.runtime)) {
                try (ResultSet rows = statement.executeQuery("select 1 from pg_roles where rolname = '"
                        + role.replace("'", "''") + "'")) {
                    if (!rows.next()) {
                        throw new IllegalStateException("PostgreSQL has no role " + role + ": " + RealParts.HINT);
                    }
                }
            }
            statement.execute("drop database if exists " + NAME + " with (force)");
            statement.execute("create database " + NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl + " did not let the superuser "
                    + database.admin + " create " + NAME + " (" + e.getMessage() + "): " + RealParts.HINT, e);
        }
        // As deploy/postgres/roles.sql prepares the stack's database: only the audit roles connect, nobody creates
        // anything but the owner in its schema
        database.asAdmin(List.of(
                "revoke all on database " + NAME + " from public",
                "grant connect on database " + NAME + " to " + database.owner + ", " + database.runtime,
                "revoke create on schema public from public",
                "create schema audit authorization " + database.owner,
                "revoke all on schema audit from public"));
        return database;
    }

    String jdbcUrl() {
        return serverUrl + NAME;
    }

    /** The service's own migration step, as the stack runs it: the packaged jar, the owner's credentials, exit. */
    void migrate(RunningStack parts, Path jar) throws IOException, InterruptedException {
        Path log = parts.repoRoot().resolve("e2e/target/service-logs/audit-bench-migrate.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(ServiceProcesses.javaBinary(), "-Xms32m", "-Xmx256m",
                "-XX:+UseSerialGC", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = ServiceProcesses.systemEnvironmentOnly(builder);
        environment.put("POSTGRES_JDBC_URL", jdbcUrl());
        environment.put("POSTGRES_USER", owner);
        environment.put("POSTGRES_PASSWORD", ownerPassword);
        environment.put("QUARKUS_PROFILE", "prod,migrate");
        environment.put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the audit service's migration of " + NAME + " failed: see " + log);
        }
    }

    /**
     * {@code count} records through the chain trigger, as the runtime role (INSERT is all it may do), 500 to a
     * transaction: in the order they happened, as a trail is stored, their activity times evenly over the 30 days
     * before {@code end} (each at random within its own slot of 30 days / count), over
     * {@code users} target users (user00000@example.test ...), ten activities, 85 % success, 13 % failure,
     * 2 % timeout.
     */
    void seed(long count, Instant end, int users, LongConsumer progress) throws SQLException {
        // Each row's user, activity and outcome come from independent hashes of its number: every user sees every
        // activity, and a run seeds the same trail (but for the ids, times and correlation ids).
        String insert = """
                insert into audit.audit_record (id, category, correlation_id, activity_date_time,
                    activity_display_name, logged_by_service, operation_type, result, result_reason, initiated_by_upn,
                    target_user_key, target_upn, additional_details)
                select gen_random_uuid(), 'Self-service Password Management', gen_random_uuid(),
                       ?::timestamptz - interval '30 days' + (n - random()) * (interval '30 days' / ?),
                       activity.name, activity.service, activity.operation,
                       outcome.result, outcome.reason,
                       case when activity.by_admin then 'helpdesk@example.test' else target.upn end,
                       md5(target.upn)::uuid::text, target.upn,
                       jsonb_build_array(jsonb_build_object('key', 'stage', 'value', activity.stage),
                                         jsonb_build_object('key', 'clientAddress',
                                                            'value', '10.1.' || (n %% 251) || '.' || (n %% 241)))
                  from generate_series(?::bigint, ?::bigint) as n
                  cross join lateral (select (hashint8(n) & 2147483647) %% ? as user_no,
                                             (hashint8(n + 1000000007) & 2147483647) %% 10 as activity_no,
                                             (hashint8(-n) & 2147483647) %% 100 as outcome_no) as pick
                  cross join lateral (select 'user' || lpad(pick.user_no::text, 5, '0') || '@example.test' as upn)
                       as target
                  join %s on activity.i = pick.activity_no
                  cross join lateral (select case when pick.outcome_no < 2 then 'timeout'
                                                  when pick.outcome_no < 15 then 'failure' else 'success' end
                                                 as result) as judged
                  cross join lateral (select judged.result,
                                             case judged.result when 'success' then 'Successfully completed'
                                                  when 'timeout' then 'The request expired before it was written'
                                                  else 'The new password does not meet the password policy' end
                                                 as reason) as outcome
                """.formatted(ACTIVITIES);
        try (Connection connection = connect(NAME, runtime, runtimePassword);
                PreparedStatement statement = connection.prepareStatement(insert)) {
            for (long first = 1; first <= count; first += SEED_ROWS_PER_STATEMENT) {
                statement.setObject(1, end.atOffset(ZoneOffset.UTC));
                statement.setLong(2, count);
                statement.setLong(3, first);
                statement.setLong(4, Math.min(count, first + SEED_ROWS_PER_STATEMENT - 1));
                statement.setInt(5, users);
                statement.executeUpdate();
                progress.accept(Math.min(count, first + SEED_ROWS_PER_STATEMENT - 1));
            }
        }
        // What autovacuum does to a table that grew over 30 days, at once: statistics and the visibility map
        asAdmin(List.of("vacuum (analyze) audit.audit_record"));
    }

    /** The chain's end: how many records, and whether their numbers run 1..n without a gap. */
    long[] countAndLastSequence() throws SQLException {
        try (Statement statement = watch().createStatement();
                ResultSet rows = statement.executeQuery(
                        "select count(*), coalesce(max(sequence), 0) from audit.audit_record")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /** The chain's last number: as records are only added, what was stored since is the difference (one index read). */
    long lastSequence() throws SQLException {
        try (Statement statement = watch().createStatement();
                ResultSet rows = statement.executeQuery("select coalesce(max(sequence), 0) from audit.audit_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** PostgreSQL's clock, the one the trigger stamps {@code recorded_at} with. */
    Instant now() throws SQLException {
        try (Statement statement = watch().createStatement();
                ResultSet rows = statement.executeQuery("select clock_timestamp()")) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /**
     * Records chained after {@code sequence}: how many, when the first and the last were stored, and how many of them
     * were stored after {@code since}.
     */
    Stored storedAfter(long sequence, Instant since) throws SQLException {
        try (PreparedStatement statement = watch().prepareStatement("select count(*), min(recorded_at),"
                + " max(recorded_at), count(*) filter (where recorded_at > ?) from audit.audit_record"
                + " where sequence > ?")) {
            statement.setObject(1, since.atOffset(ZoneOffset.UTC));
            statement.setLong(2, sequence);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Stored(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                        rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getLong(4));
            }
        }
    }

    record Stored(long count, Instant first, Instant last, long since) {
    }

    /** The database's sessions: who waits for what, in which transaction, running which statement. */
    String sessions() throws SQLException {
        StringBuilder sessions = new StringBuilder();
        try (Statement statement = watch().createStatement();
                ResultSet rows = statement.executeQuery("select pid, usename, state, wait_event_type, wait_event,"
                        + " now() - xact_start, pg_blocking_pids(pid), left(query, 200) from pg_stat_activity"
                        + " where datname = current_database()")) {
            while (rows.next()) {
                for (int column = 1; column <= 8; column++) {
                    sessions.append(column == 1 ? "" : " | ").append(rows.getString(column));
                }
                sessions.append('\n');
            }
        }
        return sessions.toString();
    }

    /** The database's size on disk (table and indexes), for the report. */
    long sizeBytes() throws SQLException {
        try (Statement statement = watch().createStatement();
                ResultSet rows = statement.executeQuery("select pg_database_size(current_database())")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection watch() throws SQLException {
        if (watch == null) {
            watch = connect(NAME, admin, adminPassword);
        }
        return watch;
    }

    private void asAdmin(List<String> statements) {
        try (Connection connection = connect(NAME, admin, adminPassword);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("preparing " + NAME + " failed: " + e.getMessage(), e);
        }
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(serverUrl + database, user, password);
    }

    @Override
    public void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (SQLException e) {
                // dropped with the database
            }
        }
        if (keep) {
            System.out.println("kept the database " + NAME + " (-Dbench.keep-database=true); the next run drops it");
            return;
        }
        try (Connection connection = connect("postgres", admin, adminPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + NAME + " with (force)");
        } catch (SQLException e) {
            System.out.println("could not drop " + NAME + " (" + e.getMessage() + "); the next run drops it");
        }
    }
}
