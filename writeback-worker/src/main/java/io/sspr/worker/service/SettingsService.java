package io.sspr.worker.service;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.worker.config.AdminSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
    private final EventVerifier verifier;
    /** When the settings in force were made; older ones arriving later are replays. */
    private volatile Instant inForceSince = Instant.MIN;

    public SettingsService(AdminSettings settings, EventVerifier verifier) {
        this.settings = settings;
        this.verifier = verifier;
    }

    public void apply(IncomingRecord record) {
        if (!SelfServiceSettings.KEY.equals(record.key())) {
            return;
        }
        if (record.payload() == null) {
            // a tombstone: the admin removed the settings (signed like the settings, or anyone could clear them)
            verifier.verifyTombstone(record, SelfServiceSettings.class);
            settings.clear();
            LOG.info("settings deleted: the worker's configuration applies (its writeback switch, its scope group)");
            return;
        }
        SelfServiceSettings next = verifier.verify(record, SelfServiceSettings.class);
        if (!next.occurredAt().isAfter(inForceSince)) {
            // Signed once, sent again later: the topic is read in order, so newer settings came first.
            throw new UnprocessableEventException(UnprocessableEventException.Reason.REFUSED,
                    "settings refused, those in force stay: made before the settings in force (a replay)");
        }
        settings.replace(next);
        inForceSince = next.occurredAt();
        LOG.infof("settings by %s applied: the admin's writeback switch %s, scope %s", next.updatedBy(),
                next.writebackEnabled() ? "on" : "off",
                next.scopeGroupDn() == null ? "everyone" : "members of " + next.scopeGroupDn());
    }
}
