package io.sspr.worker.service;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.SettingsRecords;
import io.sspr.events.messaging.SettingsRecords.Replaced;
import io.sspr.worker.config.AdminSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Applies the admin's settings from {@code sspr.settings} at once: their writeback switch joins the worker's own
 * ({@link WritebackSwitch}), and their scope group replaces the configured one at the sync's next pass. A tombstone
 * brings back the worker's configuration. Only a signer trusted for the settings counts (the portal's admin API, the
 * operator), for settings and for their removal; settings made before those in force are a replay, REFUSED and
 * dead-lettered. Other keys on the topic belong to other services.
 */
@ApplicationScoped
public class SettingsService {
    private static final Logger LOG = Logger.getLogger(SettingsService.class);

    private final AdminSettings settings;
    private final SettingsRecords records;

    public SettingsService(AdminSettings settings, EventVerifier verifier) {
        this.settings = settings;
        this.records = new SettingsRecords(verifier);
    }

    public void apply(IncomingRecord record) {
        records.read(record).ifPresent(change -> {
            if (change instanceof Replaced replaced) {
                SelfServiceSettings next = replaced.settings();
                settings.replace(next);
                records.applied(next);
                LOG.infof("settings by %s applied: the admin's writeback switch %s, scope %s", next.updatedBy(),
                        next.writebackEnabled() ? "on" : "off",
                        next.scopeGroupDn() == null ? "everyone" : "members of " + next.scopeGroupDn());
            } else {
                settings.clear();
                LOG.info("settings deleted: the worker's configuration applies (its writeback switch, its scope group)");
            }
        });
    }
}
