package io.sspr.validator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The validator's own settings ({@code sspr.validator.*}) and their defaults; the banned and breached lists' settings
 * are in {@code policy.lists}, beside the lists.
 */
@ConfigMapping(prefix = "sspr.validator")
public interface ValidatorConfig {
    /** Whose complexity rules apply; auto reads the root DSE's vendorName. */
    @WithDefault("auto")
    DialectSetting complexityDialect();

    /** The domain policy changes rarely; re-reading it for every request would load the DC for nothing. */
    @WithDefault("60s")
    Duration policyCacheTtl();

    /**
     * How often the policies are compared with what was last published to sspr.directory.policies (the schedule of
     * {@code messaging.PolicyPublisher}).
     */
    @WithDefault("30s")
    Duration policyPublishInterval();

    /**
     * The validator's own expiry for what it accepts, from when it received the request: a validated event is
     * applied within this, never later than the request asked, however long ago the request was made.
     */
    @WithDefault("5m")
    Duration requestTtl();

    /** A reset or unlock must come within this after the person's verification was completed. */
    @WithDefault("15m")
    Duration verificationMaxAge();

    /** How long to wait for Kafka to acknowledge an outgoing event. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Only members of this group (nested groups count) may use self-service; unset: everyone. */
    Optional<String> scopeGroupDn();

    /**
     * {@code ad}: the directory's rules plus the lists. {@code nist}: NIST SP 800-63B on top: at least 15 characters
     * (8 with multi-factor), blocklists always on; composition rules are only those the directory itself enforces.
     */
    @WithDefault("ad")
    RulesMode mode();

    /** In nist mode: the password is one of several factors, so 8 characters suffice. */
    @WithDefault("false")
    boolean nistMultiFactor();

    enum RulesMode {
        AD, NIST
    }

    enum DialectSetting {
        AUTO, WINDOWS, SAMBA
    }
}
