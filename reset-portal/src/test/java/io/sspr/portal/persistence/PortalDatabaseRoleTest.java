package io.sspr.portal.persistence;

import static io.sspr.events.testing.DatabaseRoles.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.events.testing.DatabaseRoles.Login;
import io.sspr.events.testing.DatabaseRoles;
import io.sspr.portal.rest.PortalRealParts;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The portal's own PostgreSQL role (sspr_portal) on the real database, migrated by the owner (Quarkus runs the
 * migrations as sspr_portal_owner before these tests). That its rights suffice for its work is shown by the portal's
 * other tests, whose application runs as this role.
 */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class PortalDatabaseRoleTest {
    private static final Login ROLE = DatabaseRoles.runtime("PORTAL");

    /** The application's own connections: what its other tests do, they do as this role. */
    @Inject
    DataSource dataSource;

    @Test
    void theServiceRunsAsItsOwnRoleNotTheOwnerNorASuperuser() throws SQLException {
        DatabaseRoles.assertOwnRoles(dataSource, "PORTAL", "sspr_portal", "portal");
    }

    @Test
    void itDeletesOnlyWhatAgesOutAndNeverRequestsUsersOrAuthenticators() throws SQLException {
        Set<String> keep = Set.of("SELECT", "INSERT", "UPDATE");
        Set<String> ageOut = Set.of("SELECT", "INSERT", "UPDATE", "DELETE");
        try (Connection connection = DatabaseRoles.connect(ROLE)) {
            assertEquals(Map.of("password_requests", keep, "directory_users", keep, "authenticators", keep,
                    "verification_flows", ageOut, "authenticator_registrations", ageOut,
                    "self_service_failures", ageOut, "self_service_blocks", ageOut, "client_request_counts", ageOut,
                    "flyway_schema_history", Set.of("SELECT")), DatabaseRoles.tablePrivileges(connection, "portal"));
            assertRefused(connection, "delete from portal.authenticators where false");
            assertRefused(connection, "delete from portal.directory_users where false");
            assertRefused(connection, "delete from portal.password_requests where false");
            assertRefused(connection, "truncate portal.password_requests");
            assertRefused(connection, "alter table portal.password_requests owner to sspr_portal");
            assertRefused(connection, "drop table portal.password_requests");
            assertRefused(connection, "create table portal.password_requests_copy (id uuid)");
            assertRefused(connection, "delete from portal.flyway_schema_history");
        }
    }
}
