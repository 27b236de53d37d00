package io.sspr.worker.config;

import io.sspr.worker.service.AfterWriteHook;
import io.sspr.worker.service.Backoff;
import io.sspr.worker.service.Pause;
import io.sspr.worker.service.WritebackSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The service layer's plain collaborators, built from WorkerConfig. */
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
    WritebackSwitch writebackSwitch(WorkerConfig config) {
        return config::writebackEnabled;
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
