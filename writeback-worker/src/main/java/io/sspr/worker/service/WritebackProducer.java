package io.sspr.worker.service;

import io.sspr.worker.config.AdminSettings;
import io.sspr.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The service layer's plain collaborators (plain so unit tests build them without CDI), from WorkerConfig. */
@ApplicationScoped
public class WritebackProducer {
    private static final Logger LOG = Logger.getLogger(WritebackProducer.class);

    @Produces
    @Singleton
    Backoff backoff(WorkerConfig config) {
        return new Backoff(config.retry().maxAttempts(), config.retry().initialBackoff(), config.retry().maxBackoff());
    }

    @Produces
    @Singleton
    Pause pause() {
        return Pause.sleeping();
    }

    @Produces
    @Singleton
    WritebackSwitch writebackSwitch(WorkerConfig config, AdminSettings settings) {
        // Read at every request, so a change of either applies to the next one.
        return () -> config.writebackEnabled() && settings.writebackEnabled();
    }

    @Produces
    @Singleton
    AfterWriteHook afterWriteHook(WorkerConfig config) {
        if (config.haltAfterWriteForTesting()) {
            LOG.warn("sspr.worker.halt-after-write-for-testing is set: this worker stops after its first write");
            return AfterWriteHook.HALT;
        }
        return AfterWriteHook.NONE;
    }
}
