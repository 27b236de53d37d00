package io.sspr.e2e;

import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.StackTokens;
import java.nio.file.Path;
import java.util.List;

/** The running parts the end-to-end tests use, read from the variables that {@code deploy/local/stack env} prints. */
record RunningStack(String kafkaBootstrapServers, String postgresJdbcUrl, String postgresUser, String ldapUrl,
        Path ldapCaFile, String ldapBaseDn, String ldapAdminDn, String ldapAdminPassword, String operatorToken,
        String helpdeskToken, Path repoRoot) {

    static RunningStack fromEnvironment() {
        Path root = Path.of(System.getProperty("sspr.repo.root", "..")).toAbsolutePath().normalize();
        return new RunningStack(RealParts.kafkaBootstrapServers(), RealParts.env("POSTGRES_JDBC_URL"),
                RealParts.env("POSTGRES_USER"), RealParts.env("LDAP_URL"), RealParts.file("LDAP_CA_FILE"),
                RealParts.env("LDAP_BASE_DN"), RealParts.env("LDAP_ADMIN_DN"), RealParts.env("LDAP_ADMIN_PASSWORD"),
                RealParts.env("OPERATOR_TOKEN"), RealParts.env("HELPDESK_TOKEN"), root);
    }

    /**
     * A new auditor's token (audience {@code sspr-audit}, issued now, 10 minutes) for every call: the audit service
     * takes none issued more than an hour ago, and a run of every test, or a shell whose {@code stack env} is older,
     * outlasts the stack's {@code AUDITOR_TOKEN}.
     */
    String auditorToken() {
        return StackTokens.withGroups(List.of("auditor"));
    }

    /** A new admin's token for the portal's settings API (the stack's {@code ADMIN_TOKEN} is not read). */
    String adminToken() {
        return StackTokens.withGroups(List.of("admin"));
    }

    /** A new help desk's token for the portal's help-desk API and the validator's policy API. */
    String newHelpdeskToken() {
        return StackTokens.withGroups(List.of("helpdesk"));
    }
}
