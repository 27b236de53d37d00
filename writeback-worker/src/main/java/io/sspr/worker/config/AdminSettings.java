package io.sspr.worker.config;

import io.sspr.events.SelfServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The administrator's self-service settings in force (from {@code sspr.settings}), beside the worker's own
 * {@link WorkerConfig}: none until the first settings arrive, and none again once they are deleted; without them the
 * worker's own configuration applies. Only the settings service changes them.
 */
@ApplicationScoped
public class AdminSettings {
    /** Null while none are in force. */
    private volatile SelfServiceSettings current;

    public Optional<SelfServiceSettings> current() {
        return Optional.ofNullable(current);
    }

    public void replace(SelfServiceSettings settings) {
        current = settings;
    }

    public void clear() {
        current = null;
    }

    /** The cloud side of the two writeback switches: on until settings turn it off. */
    public boolean writebackEnabled() {
        SelfServiceSettings settings = current;
        return settings == null || settings.writebackEnabled();
    }

    /**
     * The scope group: the settings' (none there means everyone), or without settings the configured one.
     *
     * @param configured {@code sspr.worker.sync.scope-group-dn}
     */
    public Optional<String> scopeGroupDn(Optional<String> configured) {
        SelfServiceSettings settings = current;
        return settings == null ? configured : Optional.ofNullable(settings.scopeGroupDn());
    }
}
