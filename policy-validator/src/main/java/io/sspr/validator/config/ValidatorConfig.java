package io.sspr.validator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "sspr.validator")
public interface ValidatorConfig {
    /** Whose complexity rules apply; auto reads the root DSE's vendorName. */
    @WithDefault("auto")
    DialectSetting complexityDialect();

    /** The domain policy changes rarely; re-reading it for every request would load the DC for nothing. */
    @WithDefault("60s")
    Duration policyCacheTtl();

    /** Holds sealing-private.json and signing-private.json. */
    String keysDir();

    /** How long to wait for Kafka to acknowledge an outgoing event. */
    @WithDefault("10s")
    Duration publishTimeout();

    enum DialectSetting {
        AUTO, WINDOWS, SAMBA
    }
}
