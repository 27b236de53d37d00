package io.sspr.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The worker's own settings. */
@ConfigMapping(prefix = "sspr.worker")
public interface WorkerConfig {

    /** Directory with the Tink keysets (names in io.sspr.events.crypto.Keysets). */
    Path keysDir();

    /** How many correlation ids are remembered so a redelivered event is not applied twice. */
    @WithDefault("10000")
    int rememberedRequests();

    /** How long to wait for Kafka to acknowledge a result before the incoming event is nacked. */
    @WithDefault("10s")
    Duration publishTimeout();
}
