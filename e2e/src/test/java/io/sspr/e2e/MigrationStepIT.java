package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.testing.RealParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The migration step as docker-compose, the Kubernetes Jobs and the local stack run it: the packaged service with
 * {@code QUARKUS_PROFILE=prod,migrate}, the database URL and its schema owner's credentials, and nothing else in its
 * environment (no Kafka, directory or key settings). It migrates (here: finds nothing left to do) and exits 0.
 */
class MigrationStepIT {

    @ParameterizedTest
    @CsvSource({"reset-portal, PORTAL, portal", "writeback-worker, WORKER, writeback", "audit-service, AUDIT, audit"})
    void migratesWithTheOwnersCredentialsAloneAndExits(String service, String prefix, String schema)
            throws IOException, InterruptedException {
        RunningStack parts = RunningStack.fromEnvironment();
        Path jar = ServiceProcesses.packagedJar(parts, service);
        Path log = parts.repoRoot().resolve("e2e/target/service-logs/" + service + "-migrate.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                List.of(ServiceProcesses.javaBinary(), "-Xmx256m", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = ServiceProcesses.systemEnvironmentOnly(builder);
        environment.put("QUARKUS_PROFILE", "prod,migrate");
        environment.put("QUARKUS_HTTP_PORT", "0");
        environment.put("POSTGRES_JDBC_URL", parts.postgresJdbcUrl());
        environment.put("POSTGRES_USER", RealParts.env("POSTGRES_" + prefix + "_OWNER_USER"));
        environment.put("POSTGRES_PASSWORD", RealParts.env("POSTGRES_" + prefix + "_OWNER_PASSWORD"));

        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(service + "'s migration step did not exit within 120 s: see " + log);
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), service + "'s migration step failed: see " + log);
        assertTrue(output.contains("Schema \"" + schema + "\" is up to date")
                || output.contains("Successfully applied"), "no Flyway migration in " + log);
    }

}
