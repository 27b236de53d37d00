package io.sspr.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The worker's own settings. */
@ConfigMapping(prefix = "sspr.worker")
public interface WorkerConfig {

    /** Names this worker in its heartbeat and run status. */
    String id();

    /**
     * On-premises writeback, this side's switch (Entra has one in the cloud and one in Connect: both must be on; the
     * other is the admin's setting, {@link AdminSettings#writebackEnabled()}). When either is off, requests end
     * FAILED WRITEBACK_INACTIVE and nothing is written. The heartbeat and the run status report this one only.
     */
    @WithDefault("true")
    boolean writebackEnabled();

    /** How long to wait for Kafka to acknowledge a result; then the incoming event is tried again (same result). */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How long finished requests stay in the ledger (redeliveries and replays are recognised for this long). */
    @WithDefault("7d")
    Duration ledgerRetention();

    /** How often the heartbeat goes to sspr.writeback.status. */
    @WithDefault("3s")
    Duration heartbeatInterval();

    Retry retry();

    /** Transient directory failures (down, busy, timeout, reset) only; a policy refusal is never retried. */
    interface Retry {
        /** Attempts in all, the first included. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("3s")
        Duration maxBackoff();
    }

    /**
     * Fault injection for the exactly-once test only: stop the process hard right after a successful directory
     * write, before anything else is stored or committed. Never set in production.
     */
    @WithDefault("false")
    boolean haltAfterWriteForTesting();
}
