package io.sspr.worker.messaging;

import io.quarkus.runtime.ShutdownEvent;
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
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private static final Duration STOP_NOTICE_TIMEOUT = Duration.ofSeconds(2);

    private final MutinyEmitter<String> status;
    private final EventSigner signer;
    private final PasswordDirectory directory;
    private final WritebackStats stats;
    private final WorkerConfig config;
    private final Clock clock;
    private volatile Instant lastBeat;
    private volatile boolean stopping;

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
     * One heartbeat every interval; a failure is logged and the next one tries again. It ticks every second so that the
     * first heartbeat goes out within a second of the start, not one interval later. Not before the application has
     * started (its channel is connected then), and no more once it stops.
     */
    @Scheduled(every = "1s", concurrentExecution = ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        Instant now = clock.instant();
        if (stopping || (lastBeat != null && now.isBefore(lastBeat.plus(config.heartbeatInterval())))) {
            return;
        }
        lastBeat = now;
        beat();
    }

    void beat() {
        try {
            status.sendMessage(EventMessages.of(current(), signer))
                    .await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat not published: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * A worker that stops says so at once with a signed tombstone of its heartbeat: the portal refuses new requests
     * now instead of three intervals later, while this worker finishes what it holds.
     */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            status.sendMessage(EventMessages.tombstone(WritebackStatus.class, config.id(), signer))
                    .await().atMost(STOP_NOTICE_TIMEOUT);
            LOG.infof("stopping: told the portal that worker %s takes no more requests", config.id());
        } catch (RuntimeException e) {
            LOG.warnf("stopping: the stop notice was not published (%s); the portal notices the missing heartbeats",
                    e.getClass().getSimpleName());
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
