package io.sspr.validator.policy;

import java.util.Objects;

/**
 * The policy that applies to one account and where it comes from: the domain, or the fine-grained policy (PSO)
 * that the directory computed for the account (msDS-ResultantPSO).
 *
 * @param psoDn null for the domain policy
 * @param precedence null for the domain policy; lower wins among PSOs
 */
public record EffectivePolicy(PasswordPolicy policy, Source source, String psoDn, Integer precedence) {
    public enum Source {
        DOMAIN, PSO
    }

    public EffectivePolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(source, "source");
    }

    public static EffectivePolicy domain(PasswordPolicy policy) {
        return new EffectivePolicy(policy, Source.DOMAIN, null, null);
    }

    public static EffectivePolicy pso(PasswordPolicy policy, String psoDn, int precedence) {
        return new EffectivePolicy(policy, Source.PSO, psoDn, precedence);
    }

    /** "domain" or the PSO's DN: the key under which the policy is published. */
    public String key() {
        return source == Source.DOMAIN ? "domain" : psoDn;
    }
}
