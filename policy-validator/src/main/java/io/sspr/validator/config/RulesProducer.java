package io.sspr.validator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.sspr.validator.rules.BannedPasswordCheck;
import io.sspr.validator.rules.BannedTerms;
import io.sspr.validator.rules.GlobalBannedList;
import io.sspr.validator.service.PasswordRules;

/** Builds the rules once at start; a bad custom list stops the service with the reason instead of running without it. */
@ApplicationScoped
public class RulesProducer {

    private static final Logger LOG = Logger.getLogger(RulesProducer.class);

    @Produces
    @ApplicationScoped
    PasswordRules passwordRules(BannedPasswordConfig config) {
        if (!config.enabled()) {
            LOG.warn("the banned-password list is off (sspr.validator.banned.enabled=false)");
            return new PasswordRules(Optional.empty());
        }
        List<String> custom = config.customTerms().orElse(List.of());
        checkCustomTerms(custom);
        List<String> all = new ArrayList<>(GlobalBannedList.mostCommon(config.globalSize()));
        all.addAll(custom);
        BannedTerms terms = new BannedTerms(all);
        LOG.infof("banned-password list: %d terms (%d custom)", terms.size(), custom.size());
        return new PasswordRules(Optional.of(new BannedPasswordCheck(terms)));
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
