package io.sspr.validator.policy.lists;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.sspr.events.SelfServiceSettings;
import io.smallrye.config.WithDefault;

/** The banned-password list: on by default, as in Entra; the admin's own terms come on top of the global list. */
@ConfigMapping(prefix = "sspr.validator.banned")
public interface BannedPasswordConfig {

    int MAX_CUSTOM_TERMS = SelfServiceSettings.MAX_CUSTOM_TERMS;

    @WithDefault("true")
    boolean enabled();

    /** How many of the most common passwords form the global list. */
    @WithDefault("10000")
    int globalSize();

    /**
     * The organisation's own terms (company, product, city names): up to 1000, 4 to 16 characters each. Replaced by
     * the admin's settings on {@code sspr.settings} when there are any.
     */
    Optional<List<String>> customTerms();
}
