package io.sspr.validator.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.sspr.events.PasswordProtectionSettings;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.FailureRule;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.validator.policy.lists.BannedList;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes the admin's settings ({@code sspr.settings}, compacted, read from the start by every instance) and applies
 * the custom banned list at once; emits nothing. Other keys on the topic belong to other services.
 */
@ApplicationScoped
public class SettingsConsumer {

    private static final Logger LOG = Logger.getLogger(SettingsConsumer.class);

    private final BannedList bannedList;
    private final FailureRule failureRule;
    private final EventVerifier verifier;
    /** When the settings in force were made; older ones arriving later are replays. */
    private volatile Instant inForceSince = Instant.MIN;

    public SettingsConsumer(BannedList bannedList, FailureRule failureRule, EventVerifier verifier) {
        this.bannedList = bannedList;
        this.failureRule = failureRule;
        this.verifier = verifier;
    }

    @Incoming(Topics.SETTINGS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, this::apply);
    }

    private void apply(IncomingRecord record) {
        if (!PasswordProtectionSettings.KEY.equals(record.key())) {
            return;
        }
        if (record.payload() == null) {
            // a tombstone: the admin removed the settings (signed like the settings, or anyone could clear them)
            verifier.verifyTombstone(record, PasswordProtectionSettings.class);
            bannedList.replaceCustomTerms(List.of());
            LOG.info("custom banned list cleared (settings deleted)");
            return;
        }
        PasswordProtectionSettings settings = verifier.verify(record, PasswordProtectionSettings.class);
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
