package io.sspr.validator.policy.lists;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Known-breached passwords in HIBP's format; without a file the rule is off (and the policy says so). */
@ConfigMapping(prefix = "sspr.validator.breached")
public interface BreachedPasswordConfig {

    /** A directory of HIBP range files, or one file of HASH:COUNT lines. */
    Optional<Path> file();

    /** Hashes seen fewer times than this are not refused. */
    @WithDefault("1")
    int minCount();
}
