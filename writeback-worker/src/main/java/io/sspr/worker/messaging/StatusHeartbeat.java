package io.sspr.worker.messaging;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.WritebackStatus;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import io.sspr.worker.config.WorkerConfig;
import io.sspr.worker.directory.DirectoryHealth;
import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.service.WritebackStats;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Tells the portal every few seconds whether this worker can write: the switch, the directory's reachability and
 * certificate expiry, the last success and the totals, on the compacted sspr.writeback.status keyed by worker id.
 * The portal refuses new requests when no recent heartbeat says so, instead of accepting and losing them.
 */
@ApplicationScoped
public class StatusHeartbeat {
    private static final Logger LOG = Logger.getLogger(StatusHeartbeat.class);

    private final MutinyEmitter<String> status;
    private final EventSigner signer;
    private final PasswordDirectory directory;
    private final WritebackStats stats;
    private final WorkerConfig config;
    private final Clock clock;

    public StatusHeartbeat(@Channel(Topics.WRITEBACK_STATUS) MutinyEmitter<String> status, EventSigner signer,
            PasswordDirectory directory,
            WritebackStats stats, WorkerConfig config, Clock clock) {
        this.status = status;
        this.signer = signer;
        this.directory = directory;
        this.stats = stats;
        this.config = config;
        this.clock = clock;
    }

    /**
     * One heartbeat; a failure is logged and the next one tries again. Not before the application has started (its
     * channel is connected then) nor once it stops.
     */
    @Scheduled(every = "${sspr.worker.heartbeat-interval}", concurrentExecution = ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beat() {
        try {
            status.sendMessage(EventMessages.of(current(), signer))
                    .await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat not published: %s", e.getClass().getSimpleName());
        }
    }

    WritebackStatus current() {
        DirectoryHealth health = directory.health();
        // The worker's own switch only: the portal reads the admin's from the settings and combines the two.
        return new WritebackStatus(UUID.randomUUID(), UUID.randomUUID(), clock.instant(), SsprEvent.SCHEMA_VERSION,
                config.id(), config.id(), config.writebackEnabled(), health.reachable(), health.server(),
                health.certificateNotAfter(), stats.lastSuccess().orElse(null), stats.totals(),
                config.heartbeatInterval());
    }
}
