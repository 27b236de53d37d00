package io.sspr.validator.service;

import io.sspr.events.PasswordPolicyPublished;
import io.sspr.events.SsprEvent;
import io.sspr.validator.policy.EffectivePolicy;
import io.sspr.validator.policy.PasswordPolicy;
import io.sspr.validator.policy.PolicyDescription;
import io.sspr.validator.policy.UserNames;
import java.time.Instant;
import java.util.UUID;

/** An effective policy as the event the portal reads; the rules in words are the same the API shows. */
public final class PolicyEvents {
    private PolicyEvents() {
    }

    public static PasswordPolicyPublished of(EffectivePolicy effective, Instant now) {
        PasswordPolicy policy = effective.policy();
        return new PasswordPolicyPublished(UUID.randomUUID(), UUID.randomUUID(), now, SsprEvent.SCHEMA_VERSION,
                effective.key(), PasswordPolicyPublished.Source.valueOf(effective.source().name()),
                effective.precedence(), policy.minLength(), policy.maxLength(), policy.complexityEnabled(),
                policy.dialect().name(), policy.historyLength(),
                policy.minAge() == null ? java.time.Duration.ZERO : policy.minAge(), policy.maxAge(),
                PolicyDescription.rules(policy, UserNames.NONE));
    }
}
