package io.sspr.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the portal, from {@code sspr.portal.*}. */
@ConfigMapping(prefix = "sspr.portal")
public interface PortalConfig {

    /** How long a request may take before the pipeline must not apply it any more. */
    @WithDefault("5m")
    Duration requestTtl();

    /**
     * How long to wait for Kafka to acknowledge a request before answering 503. It must cover the producer's own
     * {@code max.block.ms} + {@code delivery.timeout.ms} (checked at start): until those run out Kafka may still
     * deliver the request, and a user told "failed" must not find the password changed.
     */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * Extra time after expiresAt before the portal itself calls a request EXPIRED, so a result that the
     * pipeline published just in time still wins.
     */
    @WithDefault("30s")
    Duration expiryGrace();
}
