package io.sspr.e2e;

import io.sspr.events.testing.RealParts;
import java.nio.file.Path;

/** The running parts the end-to-end tests use, read from the variables that {@code deploy/local/stack env} prints. */
record RunningStack(String kafkaBootstrapServers, String postgresJdbcUrl, String postgresUser, String ldapUrl,
        Path ldapCaFile, String ldapBaseDn, String ldapAdminDn, String ldapAdminPassword, String auditorToken,
        String operatorToken, String helpdeskToken, Path repoRoot) {

    static RunningStack fromEnvironment() {
        Path root = Path.of(System.getProperty("sspr.repo.root", "..")).toAbsolutePath().normalize();
        return new RunningStack(RealParts.kafkaBootstrapServers(), RealParts.env("POSTGRES_JDBC_URL"),
                RealParts.env("POSTGRES_USER"), RealParts.env("LDAP_URL"), RealParts.file("LDAP_CA_FILE"),
                RealParts.env("LDAP_BASE_DN"), RealParts.env("LDAP_ADMIN_DN"), RealParts.env("LDAP_ADMIN_PASSWORD"),
                RealParts.env("AUDITOR_TOKEN"), RealParts.env("OPERATOR_TOKEN"), RealParts.env("HELPDESK_TOKEN"), root);
    }
}
