package io.sspr.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the audit query API ({@code sspr.audit.*}). */
@ConfigMapping(prefix = "sspr.audit")
public interface AuditConfig {
    /** Records returned when the caller gives no limit. */
    @WithDefault("100")
    int defaultLimit();

    /** The most records one query may return, so a query cannot exhaust memory. */
    @WithDefault("1000")
    int maxLimit();
}
