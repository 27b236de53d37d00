package io.sspr.validator.service;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.validator.directory.AccountScope;
import io.sspr.validator.policy.RulesInForce;
import io.sspr.validator.policy.lists.BannedList;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies the admin's settings from {@code sspr.settings} at once: the custom banned terms replace those in force,
 * NIST mode switches the rules, and the scope group replaces the configured one (none: everyone). A tombstone clears
 * the custom terms and brings back the configured mode and scope. Only the admin's signature counts, for settings and
 * for their removal; settings made before those in force are a replay, and a list the rules refuse leaves everything
 * in force: both are REFUSED and dead-lettered. Other keys on the topic belong to other services.
 */
@ApplicationScoped
public class SettingsService {
    private static final Logger LOG = Logger.getLogger(SettingsService.class);

    private final BannedList bannedList;
    private final RulesInForce rules;
    private final AccountScope scope;
    private final EventVerifier verifier;
    /** When the settings in force were made; older ones arriving later are replays. */
    private volatile Instant inForceSince = Instant.MIN;

    public SettingsService(BannedList bannedList, RulesInForce rules, AccountScope scope, EventVerifier verifier) {
        this.bannedList = bannedList;
        this.rules = rules;
        this.scope = scope;
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
            LOG.infof("settings deleted: custom banned list cleared, the configuration applies; %s",
                    changes(rules.useConfigured(), scope.useConfigured()));
            return;
        }
        SelfServiceSettings settings = verifier.verify(record, SelfServiceSettings.class);
        if (!settings.occurredAt().isAfter(inForceSince)) {
            // Signed by the admin once, sent again later: the topic is read in order, so newer settings came first.
            throw new UnprocessableEventException(UnprocessableEventException.Reason.REFUSED,
                    "settings refused, those in force stay: made before the settings in force (a replay)");
        }
        SelfServiceSettings.Values values = settings.values();
        try {
            // First, as the only step that can fail: a refused list changes nothing else either.
            bannedList.replaceCustomTerms(values.customBannedTerms());
        } catch (IllegalArgumentException e) {
            // The settings in force stay; the record is dead-lettered with the reason.
            throw new UnprocessableEventException(UnprocessableEventException.Reason.REFUSED,
                    "settings refused, those in force stay: " + e.getMessage());
        }
        boolean rulesChanged = rules.useNist(values.nistMode());
        boolean scopeChanged = scope.useGroup(Optional.ofNullable(values.scopeGroupDn()));
        inForceSince = settings.occurredAt();
        // The count only: the terms themselves are the organisation's to know.
        LOG.infof("settings by %s applied: custom banned list replaced (%d terms); %s", settings.updatedBy(),
                values.customBannedTerms().size(), changes(rulesChanged, scopeChanged));
    }

    private String changes(boolean rulesChanged, boolean scopeChanged) {
        List<String> changed = new ArrayList<>();
        if (rulesChanged) {
            changed.add("rules now " + rules.current().describe());
        }
        if (scopeChanged) {
            changed.add("scope now " + scope.describe());
        }
        return changed.isEmpty() ? "rules and scope unchanged" : String.join(", ", changed);
    }
}
