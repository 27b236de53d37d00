package io.sspr.events.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The services' PostgreSQL roles (deploy/postgres/roles.sql) as {@code deploy/local/stack env} names them, for tests
 * about a role's own rights: {@code POSTGRES_<SERVICE>_USER}/{@code _PASSWORD} is the running service's role,
 * {@code POSTGRES_<SERVICE>_OWNER_USER}/{@code _PASSWORD} the owner its migrations run as (SERVICE: PORTAL, WORKER,
 * AUDIT). Plain JDBC: the driver is the calling module's.
 */
public final class DatabaseRoles {
    /** PostgreSQL's insufficient_privilege. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** PostgreSQL's invalid_password. */
    public static final String INVALID_PASSWORD = "28P01";
    /** Each service's schema and one table in it. */
    public static final Map<String, String> SCHEMA_TABLES = Map.of("portal", "password_requests",
            "writeback", "request_ledger", "audit", "audit_record");
    private static final List<String> TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "REFERENCES", "TRIGGER");

    private DatabaseRoles() {
    }

    /** A role's name and password from the environment. */
    public record Login(String user, String password) {
    }

    /** The running service's role: SERVICE is PORTAL, WORKER or AUDIT. */
    public static Login runtime(String service) {
        return new Login(RealParts.env("POSTGRES_" + service + "_USER"),
                RealParts.env("POSTGRES_" + service + "_PASSWORD"));
    }

    /** The role that owns the service's schema and runs its migrations. */
    public static Login owner(String service) {
        return new Login(RealParts.env("POSTGRES_" + service + "_OWNER_USER"),
                RealParts.env("POSTGRES_" + service + "_OWNER_PASSWORD"));
    }

    public static String jdbcUrl() {
        return RealParts.env("POSTGRES_JDBC_URL");
    }

    public static Connection connect(Login login) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** Runs the statement and expects PostgreSQL to refuse it for want of a privilege (SQLState 42501). */
    public static SQLException assertRefused(Connection connection, String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }, "expected PostgreSQL to refuse: " + sql);
        assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSQLState(),
                "expected insufficient_privilege for: " + sql + ", got: " + refused.getMessage());
        return refused;
    }

    /**
     * Every table of the schema (those the role cannot use included) with the table privileges the connected role
     * holds on it, in {@link #TABLE_PRIVILEGES} order.
     */
    public static Map<String, Set<String>> tablePrivileges(Connection connection, String schema) throws SQLException {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select c.relname from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('r', 'p')"
                + " order by c.relname")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), new LinkedHashSet<>());
                }
            }
        }
        for (Map.Entry<String, Set<String>> table : result.entrySet()) {
            for (String privilege : TABLE_PRIVILEGES) {
                try (PreparedStatement query = connection.prepareStatement(
                        "select has_table_privilege(current_user, format('%I.%I', ?::text, ?::text), ?)")) {
                    query.setString(1, schema);
                    query.setString(2, table.getKey());
                    query.setString(3, privilege);
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        if (rows.getBoolean(1)) {
                            table.getValue().add(privilege);
                        }
                    }
                }
            }
        }
        return result;
    }

    /**
     * What holds for every role of a service: not a superuser and no role or database creation, no schema of its own
     * making, nothing created in public, no temporary tables, no way into another service's schema, and no other role
     * to become.
     */
    public static void assertConfined(Connection connection, String ownSchema) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select rolsuper, rolcreaterole, rolcreatedb, rolreplication,"
                        + " rolbypassrls, current_setting('is_superuser') from pg_roles where rolname = current_user")) {
            if (!rows.next()) {
                fail("no pg_roles row for the current user");
            }
            List<String> held = new ArrayList<>();
            String[] names = {"SUPERUSER", "CREATEROLE", "CREATEDB", "REPLICATION", "BYPASSRLS"};
            for (int column = 1; column <= names.length; column++) {
                if (rows.getBoolean(column)) {
                    held.add(names[column - 1]);
                }
            }
            assertEquals(List.of(), held, "role attributes");
            assertEquals("off", rows.getString(6), "is_superuser");
        }
        String suffix = Long.toString(System.nanoTime(), 36);
        assertRefused(connection, "create table public.sspr_role_probe_" + suffix + " (id int)");
        assertRefused(connection, "create schema sspr_role_probe_" + suffix);
        assertRefused(connection, "create temporary table sspr_role_probe_" + suffix + " (id int)");
        for (Map.Entry<String, String> other : SCHEMA_TABLES.entrySet()) {
            if (!other.getKey().equals(ownSchema)) {
                assertRefused(connection, "select count(*) from " + other.getKey() + "." + other.getValue());
                assertRefused(connection, "create table " + other.getKey() + ".sspr_role_probe_" + suffix + " (id int)");
            }
        }
        for (String role : List.of("postgres", "sspr_portal", "sspr_portal_owner", "sspr_worker", "sspr_worker_owner",
                "sspr_audit", "sspr_audit_owner")) {
            if (!role.equals(currentUser(connection))) {
                assertRefused(connection, "set role " + role);
            }
        }
    }

    /** Signing in as the role with a wrong password is refused (the stack's pg_hba.conf asks these roles for it). */
    public static void assertPasswordRequired(Login login) {
        SQLException refused = assertThrows(SQLException.class,
                () -> connect(new Login(login.user(), login.password() + "-wrong")).close());
        assertEquals(INVALID_PASSWORD, refused.getSQLState(), refused.getMessage());
    }

    /**
     * The service's runtime role (and its schema's owner) sign in with a password, are who they say, and are confined
     * to their own schema: no superuser, no other schema, nothing in public.
     */
    public static void assertOwnRoles(String service, String runtimeRole, String schema) throws SQLException {
        try (Connection connection = connect(runtime(service))) {
            assertEquals(runtimeRole, currentUser(connection));
            assertConfined(connection, schema);
        }
        try (Connection owner = connect(owner(service))) {
            assertEquals(runtimeRole + "_owner", currentUser(owner));
            assertConfined(owner, schema);
        }
        assertPasswordRequired(runtime(service));
    }

    /**
     * {@link #assertOwnRoles(String, String, String)}, and the running application's own connections sign in as the
     * runtime role, so what its other tests do, they do as that role.
     */
    public static void assertOwnRoles(DataSource application, String service, String runtimeRole, String schema)
            throws SQLException {
        try (Connection connection = application.getConnection()) {
            assertEquals(runtimeRole, currentUser(connection), "the application's connections");
        }
        assertOwnRoles(service, runtimeRole, schema);
    }

    public static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }

}
