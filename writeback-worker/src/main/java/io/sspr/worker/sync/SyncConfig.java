package io.sspr.worker.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The directory sync to sspr.directory.users; it reaches the DCs with the worker's sspr.ldap settings but binds as the
 * read-only account of sspr.ldap.sync ({@link io.sspr.directory.LdapConfig#syncPool()}), never as the writeback
 * account.
 */
@ConfigMapping(prefix = "sspr.worker.sync")
public interface SyncConfig {

    /** Off for a worker that only writes back while another instance syncs. */
    @WithDefault("true")
    boolean enabled();

    /** Time between passes (a pass looks for changes by uSNChanged); profiles reach the topic within about this. */
    @WithDefault("2s")
    Duration interval();

    /**
     * Members (also through nested groups) of this group are in scope, as {@code sspr.validator.scope-group-dn}
     * means for the validator; without it everyone is. The admin's settings (their scopeGroupDn, none meaning
     * everyone) replace it while they are in force.
     */
    Optional<String> scopeGroupDn();

    /** Entries per page of the paged search; AD's MaxPageSize is 1000 by default. */
    @WithDefault("500")
    int pageSize();

    /** How long to wait for Kafka to acknowledge a batch of profiles before the pass counts as failed. */
    @WithDefault("30s")
    Duration publishTimeout();
}
