package io.sspr.audit.service;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.sspr.audit.config.ChainConfig;
import io.sspr.audit.persistence.ChainStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The chain's two timers, each first as the service starts: a signed checkpoint of the head every
 * {@code sspr.audit.checkpoint-interval}, retention every {@code sspr.audit.retention-interval}. A failure (PostgreSQL
 * away) is logged and the next run tries again; several instances may run them at once (a checkpoint is stored once
 * per sequence, and retention removes a record once).
 */
@ApplicationScoped
public class ChainJobs {
    private static final Logger LOG = Logger.getLogger(ChainJobs.class);

    private final ChainService chain;
    private final Duration retention;

    public ChainJobs(ChainService chain, ChainConfig config) {
        this.chain = chain;
        this.retention = Duration.ofDays(config.retentionDays());
    }

    @Scheduled(identity = "audit-checkpoint", every = "${sspr.audit.checkpoint-interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void checkpoint() {
        try {
            chain.checkpoint().ifPresent(checkpoint -> LOG.infof("audit chain: checkpoint %d signed",
                    checkpoint.sequence()));
        } catch (RuntimeException e) {
            LOG.warnf("audit chain: checkpoint failed, next try at the next interval: %s", reason(e));
        }
    }

    @Scheduled(identity = "audit-retention", every = "${sspr.audit.retention-interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void purge() {
        try {
            ChainStore.Purge purge = chain.purge(retention);
            if (purge.purged() > 0) {
                LOG.infof("audit retention: %d records older than %d days removed, through checkpoint %d",
                        purge.purged(), retention.toDays(), purge.throughSequence());
            }
        } catch (RuntimeException e) {
            LOG.warnf("audit retention failed, next try at the next interval: %s", reason(e));
        }
    }

    /** Ours and the database's messages (which name no value of a record), without the stack trace. */
    private static String reason(RuntimeException e) {
        return e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
    }
}
