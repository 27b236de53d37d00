package io.sspr.worker.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
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
 *
 * <p>The recent runs and errors name people (user keys) and their requests (correlation ids): only an authenticated
 * operator (a bearer JWT with group {@value #OPERATOR}) gets them. Without a token the answer is the summary a probe or
 * a dashboard needs ({@code "detail":"summary"}: health, totals, last success); a token that does not verify is 401,
 * a valid one without the operator group 403.
 */
@Path("/api/v1/run-status")
@Produces(MediaType.APPLICATION_JSON)
public class RunStatusResource {
    private final PasswordDirectory directory;
    private final WritebackStats stats;
    private final String workerId;
    private final boolean writebackEnabled;
    private final SmallRyeHealthReporter health;
    private final SecurityIdentity identity;

    /** The role (JWT {@code groups} claim) that sees the personal part of the run status. */
    public static final String OPERATOR = "operator";
    public static final String SUMMARY = "summary";
    public static final String FULL = "full";

    public RunStatusResource(PasswordDirectory directory, WritebackStats stats, WorkerConfig config,
            SmallRyeHealthReporter health, SecurityIdentity identity) {
        this.directory = directory;
        this.stats = stats;
        this.workerId = config.id();
        this.writebackEnabled = config.writebackEnabled();
        this.health = health;
        this.identity = identity;
    }

    public record KafkaHealth(boolean up, String detail) {
    }

    /** {@code detail} is {@value #SUMMARY} (no recentRuns, no recentErrors) or {@value #FULL}. */
    public record RunStatus(String workerId, boolean writebackEnabled, Instant lastSuccessAt,
            DirectoryHealth directory, KafkaHealth kafka, Map<String, Long> totals, String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<WritebackStats.Run> recentRuns,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<WritebackStats.Run> recentErrors) {
    }

    @GET
    public RunStatus get() {
        boolean operator = operator();
        return new RunStatus(workerId, writebackEnabled, stats.lastSuccess().orElse(null),
                directory.health(), kafka(), stats.totals(), operator ? FULL : SUMMARY,
                operator ? stats.recentRuns() : null, operator ? stats.recentErrors() : null);
    }

    /**
     * Whether the caller is an operator. Reading the identity authenticates the request's bearer token (proactive
     * authentication is off): a token that does not verify throws and is answered 401 by {@link ErrorMappers}.
     */
    private boolean operator() {
        if (identity.isAnonymous()) {
            return false;
        }
        if (!identity.hasRole(OPERATOR)) {
            throw new ForbiddenException();
        }
        return true;
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
