package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The running parts the end-to-end tests use, read from the variables that {@code deploy/local/stack env} prints. */
record RealParts(String kafkaBootstrapServers, String postgresJdbcUrl, String postgresUser, String ldapUrl,
        Path ldapCaFile, String ldapBaseDn, String ldapAdminDn, String ldapAdminPassword, String auditorToken,
        String operatorToken, Path repoRoot) {

    static final String HOW_TO_START =
            "run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"` first (or `deploy/local/stack test`)";

    static RealParts fromEnvironment() {
        Path root = Path.of(System.getProperty("sspr.repo.root", "..")).toAbsolutePath().normalize();
        RealParts parts = new RealParts(required("KAFKA_BOOTSTRAP_SERVERS"), required("POSTGRES_JDBC_URL"),
                required("POSTGRES_USER"), required("LDAP_URL"), Path.of(required("LDAP_CA_FILE")),
                required("LDAP_BASE_DN"), required("LDAP_ADMIN_DN"), required("LDAP_ADMIN_PASSWORD"),
                required("AUDITOR_TOKEN"), required("OPERATOR_TOKEN"), root);
        if (!Files.isReadable(parts.ldapCaFile())) {
            fail("LDAP_CA_FILE " + parts.ldapCaFile() + " is not readable: " + HOW_TO_START);
        }
        return parts;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set: " + HOW_TO_START);
        }
        return value;
    }
}
