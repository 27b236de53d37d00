package io.sspr.worker.persistence;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.sspr.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Keeps the ledger small: finished requests older than the retention are deleted, at start and then hourly. */
@ApplicationScoped
public class LedgerJanitor {
    private static final Logger LOG = Logger.getLogger(LedgerJanitor.class);

    private final RequestLedger ledger;
    private final Duration retention;
    private final Clock clock;

    public LedgerJanitor(RequestLedger ledger, WorkerConfig config, Clock clock) {
        this.ledger = ledger;
        this.retention = config.ledgerRetention();
        this.clock = clock;
    }

    @Scheduled(every = "1h", concurrentExecution = ConcurrentExecution.SKIP)
    void purge() {
        try {
            long deleted = ledger.purgeBefore(clock.instant().minus(retention));
            if (deleted > 0) {
                LOG.infof("ledger: %d finished requests older than %s deleted", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("ledger purge failed, next try in an hour: %s", e.getClass().getSimpleName());
        }
    }
}
