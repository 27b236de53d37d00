package io.sspr.validator.service;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.validator.policy.lists.BannedList;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies the admin's settings from {@code sspr.settings} at once: the custom banned terms replace those in force.
 * Only the admin's signature counts, for settings and for their removal (a tombstone); settings made before those in
 * force are a replay, and a list the rules refuse leaves the list in force: both are REFUSED and dead-lettered. Other
 * keys on the topic belong to other services.
 */
@ApplicationScoped
public class SettingsService {
    private static final Logger LOG = Logger.getLogger(SettingsService.class);

    private final BannedList bannedList;
    private final EventVerifier verifier;
    /** When the settings in force were made; older ones arriving later are replays. */
    private volatile Instant inForceSince = Instant.MIN;

    public SettingsService(BannedList bannedList, EventVerifier verifier) {
        this.bannedList = bannedList;
        this.verifier = verifier;
    }

    public void apply(IncomingRecord record) {
        if (!SelfServiceSettings.KEY.equals(record.key())) {
            return;
        }
        if (record.payload() == null) {
            // a tombstone: the admin removed the settings (signed like the settings, or anyone could clear them)
            verifier.verifyTombstone(record, SelfServiceSettings.class);
            bannedList.replaceCustomTerms(List.of());
            LOG.info("custom banned list cleared (settings deleted)");
            return;
        }
        SelfServiceSettings settings = verifier.verify(record, SelfServiceSettings.class);
        if (!settings.occurredAt().isAfter(inForceSince)) {
            // Signed by the admin once, sent again later: the topic is read in order, so newer settings came first.
            throw new UnprocessableEventException(UnprocessableEventException.Reason.REFUSED,
                    "settings refused, the current banned list stays: made before the settings in force (a replay)");
        }
        try {
            bannedList.replaceCustomTerms(settings.customBannedTerms());
        } catch (IllegalArgumentException e) {
            // The list in force stays; the record is dead-lettered with the reason.
            throw new UnprocessableEventException(UnprocessableEventException.Reason.REFUSED,
                    "settings refused, the current banned list stays: " + e.getMessage());
        }
        inForceSince = settings.occurredAt();
        LOG.infof("custom banned list replaced: %d terms (by %s)", settings.customBannedTerms().size(),
                settings.updatedBy());
    }
}
