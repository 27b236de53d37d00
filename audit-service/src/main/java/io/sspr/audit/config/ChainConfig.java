package io.sspr.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the hash chain's checkpoints and of retention ({@code sspr.audit.*}). */
@ConfigMapping(prefix = "sspr.audit")
public interface ChainConfig {
    /** How often the chain head is signed (if records were added since the last checkpoint). */
    @WithDefault("15m")
    Duration checkpointInterval();

    /** Records stored longer ago than this are removed, through the newest checkpoint older than the cut. */
    @WithDefault("400")
    int retentionDays();

    /** How often retention runs. */
    @WithDefault("1h")
    Duration retentionInterval();
}
