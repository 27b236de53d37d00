package io.sspr.validator.service;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.SettingsRecords;
import io.sspr.events.messaging.SettingsRecords.Replaced;
import io.sspr.validator.directory.AccountScope;
import io.sspr.validator.policy.RulesInForce;
import io.sspr.validator.policy.lists.BannedList;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final SettingsRecords records;

    public SettingsService(BannedList bannedList, RulesInForce rules, AccountScope scope, EventVerifier verifier) {
        this.bannedList = bannedList;
        this.rules = rules;
        this.scope = scope;
        this.records = new SettingsRecords(verifier);
    }

    public void apply(IncomingRecord record) {
        records.read(record).ifPresent(change -> {
            if (change instanceof Replaced replaced) {
                apply(replaced.settings());
            } else {
                bannedList.replaceCustomTerms(List.of());
                LOG.infof("settings deleted: custom banned list cleared, the configuration applies; %s",
                        changes(rules.useConfigured(), scope.useConfigured()));
            }
        });
    }

    private void apply(SelfServiceSettings settings) {
        SelfServiceSettings.Values values = settings.values();
        try {
            // First, as the only step that can fail: a refused list changes nothing else either.
            bannedList.replaceCustomTerms(values.customBannedTerms());
        } catch (IllegalArgumentException e) {
            throw SettingsRecords.refused(e.getMessage());
        }
        boolean rulesChanged = rules.useNist(values.nistMode());
        boolean scopeChanged = scope.useGroup(Optional.ofNullable(values.scopeGroupDn()));
        records.applied(settings);
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
