package io.sspr.validator.policy;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.sspr.validator.config.ValidatorConfig;
import io.sspr.validator.policy.lists.BannedList;
import io.sspr.validator.policy.lists.BannedPasswordConfig;
import io.sspr.validator.policy.lists.BannedTerms;
import io.sspr.validator.policy.lists.BreachedPasswordConfig;
import io.sspr.validator.policy.lists.BreachedPasswords;
import io.sspr.validator.policy.lists.GlobalBannedList;

/**
 * Builds the rules once at start, both the AD and the NIST variant, so the admin's settings can switch between them;
 * a bad custom list stops the service with the reason instead of running without it.
 */
@ApplicationScoped
public class RulesProducer {

    private static final Logger LOG = Logger.getLogger(RulesProducer.class);

    @Produces
    @ApplicationScoped
    RulesInForce rulesInForce(ValidatorConfig validator, BannedPasswordConfig banned, BreachedPasswordConfig breached,
            BannedList bannedList) {
        Optional<BreachedPasswords> breachedList = breachedPasswords(breached); // loaded once, shared by both
        if (!banned.enabled()) {
            LOG.warn("the banned-password list is off in AD mode (sspr.validator.banned.enabled=false)");
        }
        PasswordRules ad = new PasswordRules(banned.enabled() ? Optional.of(bannedList.check()) : Optional.empty(),
                breachedList);
        // NIST SP 800-63B asks for a blocklist check, so the banned list is on here whatever its own setting says.
        PasswordRules nist = PasswordRules.nist(bannedList.check(), breachedList, validator.nistMultiFactor());
        RulesInForce rules = new RulesInForce(ad, nist, validator.mode() == ValidatorConfig.RulesMode.NIST);
        LOG.infof("configured rules: %s", rules.current().describe());
        return rules;
    }

    /** Always built, so the admin's settings can be applied even while the list is off by configuration. */
    @Produces
    @ApplicationScoped
    BannedList bannedList(BannedPasswordConfig config) {
        List<String> custom = config.customTerms().orElse(List.of());
        checkCustomTerms(custom);
        BannedList list = new BannedList(GlobalBannedList.mostCommon(config.globalSize()), custom);
        LOG.infof("banned-password list: %d most common passwords, %d custom terms", config.globalSize(),
                custom.size());
        return list;
    }

    private static Optional<BreachedPasswords> breachedPasswords(BreachedPasswordConfig config) {
        if (config.file().isEmpty()) {
            LOG.info("no breached-password list (sspr.validator.breached.file is not set)");
            return Optional.empty();
        }
        BreachedPasswords loaded = BreachedPasswords.load(config.file().get(), config.minCount());
        LOG.infof("breached-password list: %d hashes seen at least %d times, %d bytes", loaded.size(),
                config.minCount(), loaded.footprintBytes());
        return Optional.of(loaded);
    }

    static void checkCustomTerms(List<String> custom) {
        if (custom.size() > BannedPasswordConfig.MAX_CUSTOM_TERMS) {
            throw new IllegalStateException("sspr.validator.banned.custom-terms has " + custom.size()
                    + " terms; at most " + BannedPasswordConfig.MAX_CUSTOM_TERMS + " are allowed");
        }
        for (int i = 0; i < custom.size(); i++) {
            int length = custom.get(i).strip().length();
            if (length < BannedTerms.MIN_TERM_LENGTH || length > BannedTerms.MAX_TERM_LENGTH) {
                throw new IllegalStateException("sspr.validator.banned.custom-terms[" + i + "] has " + length
                        + " characters; terms need " + BannedTerms.MIN_TERM_LENGTH + " to "
                        + BannedTerms.MAX_TERM_LENGTH);
            }
        }
    }
}
