package io.sspr.worker.rest;

import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.service.WritebackStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The worker's run status, like Get-ADSyncConnectorRunStatus: directory reachability and the last runs. */
@Path("/api/v1/run-status")
@Produces(MediaType.APPLICATION_JSON)
public class RunStatusResource {
    private final PasswordDirectory directory;
    private final WritebackStats stats;

    public RunStatusResource(PasswordDirectory directory, WritebackStats stats) {
        this.directory = directory;
        this.stats = stats;
    }

    public record RunStatus(boolean directoryReachable, Map<String, Long> totals, List<WritebackStats.Run> lastRuns) {
    }

    @GET
    public RunStatus get() {
        return new RunStatus(directory.health().reachable(), stats.totals(), stats.recentRuns());
    }
}
