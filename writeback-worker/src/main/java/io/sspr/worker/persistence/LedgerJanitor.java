package io.sspr.worker.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sspr.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Keeps the ledger small: finished requests older than the retention are deleted, at start and then hourly. */
@ApplicationScoped
public class LedgerJanitor {
    private static final Logger LOG = Logger.getLogger(LedgerJanitor.class);

    private final RequestLedger ledger;
    private final WorkerConfig config;
    private final Clock clock;
    private ScheduledExecutorService schedule;

    public LedgerJanitor(RequestLedger ledger, WorkerConfig config, Clock clock) {
        this.ledger = ledger;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "writeback-ledger-janitor");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::purge, 0, 1, TimeUnit.HOURS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    private void purge() {
        try {
            long deleted = ledger.purgeBefore(clock.instant().minus(config.ledgerRetention()));
            if (deleted > 0) {
                LOG.infof("ledger: %d finished requests older than %s deleted", deleted, config.ledgerRetention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("ledger purge failed, next try in an hour: %s", e.getClass().getSimpleName());
        }
    }
}
