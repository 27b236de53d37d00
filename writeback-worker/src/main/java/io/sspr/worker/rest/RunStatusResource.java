package io.sspr.worker.rest;

import io.smallrye.health.SmallRyeHealthReporter;
import io.sspr.worker.config.WorkerConfig;
import io.sspr.worker.directory.DirectoryHealth;
import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.service.WritebackStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The worker's run status, like Get-ADSyncConnectorRunStatus: whether it writes, the directory and Kafka health,
 * the recent runs with their timings, and the recent errors with their codes. No secrets, no directory texts.
 */
@Path("/api/v1/run-status")
@Produces(MediaType.APPLICATION_JSON)
public class RunStatusResource {
    private final PasswordDirectory directory;
    private final WritebackStats stats;
    private final WorkerConfig config;
    private final SmallRyeHealthReporter health;

    public RunStatusResource(PasswordDirectory directory, WritebackStats stats, WorkerConfig config,
            SmallRyeHealthReporter health) {
        this.directory = directory;
        this.stats = stats;
        this.config = config;
        this.health = health;
    }

    public record KafkaHealth(boolean up, String detail) {
    }

    public record RunStatus(String workerId, boolean writebackEnabled, Instant lastSuccessAt,
            DirectoryHealth directory, KafkaHealth kafka, Map<String, Long> totals,
            List<WritebackStats.Run> recentRuns, List<WritebackStats.Run> recentErrors) {
    }

    @GET
    public RunStatus get() {
        return new RunStatus(config.id(), config.writebackEnabled(), stats.lastSuccess().orElse(null),
                directory.health(), kafka(), stats.totals(), stats.recentRuns(), stats.recentErrors());
    }

    /** The messaging readiness checks (consumer and producers connected), as Quarkus reports them. */
    private KafkaHealth kafka() {
        var readiness = health.getReadiness().getPayload();
        var checks = readiness.getJsonArray("checks");
        for (int i = 0; i < checks.size(); i++) {
            var check = checks.getJsonObject(i);
            if (check.getString("name", "").toLowerCase().contains("messaging")) {
                boolean up = HealthCheckResponse.Status.UP.name().equals(check.getString("status"));
                return new KafkaHealth(up, check.containsKey("data") ? check.get("data").toString() : null);
            }
        }
        return new KafkaHealth(false, "no messaging health check reported");
    }
}
