package io.sspr.portal.service;

import io.sspr.events.PasswordPolicyPublished;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory's effective password policies as the validator last published them (the domain's and each PSO's), so
 * the pages can say what a new password needs without the portal ever asking the directory. Held in memory: every
 * instance reads the whole compacted topic from its start, in a consumer group of its own, at every start.
 *
 * <p>Only the domain policy is shown to people: which PSO applies depends on who the person is, and no page or
 * endpoint tells anything about a named user. The validator checks the policy that really applies.
 */
@ApplicationScoped
public class PasswordPolicyService {
    private final Map<String, PasswordPolicyPublished> latest = new ConcurrentHashMap<>();

    /** Keeps the policy unless a newer state of it is kept already (two validators may publish in turn). */
    public void onPublished(PasswordPolicyPublished policy) {
        latest.merge(policy.policyKey(), policy,
                (kept, next) -> next.occurredAt().isBefore(kept.occurredAt()) ? kept : next);
    }

    /** The domain's default policy, once the validator has published it. */
    public Optional<PasswordPolicyPublished> domainPolicy() {
        return Optional.ofNullable(latest.get(PasswordPolicyPublished.DOMAIN_KEY));
    }

    /** The longest minimum length of any policy known (the domain's and every PSO's); 0 before any is known. */
    public int largestMinLength() {
        return latest.values().stream().mapToInt(PasswordPolicyPublished::minLength).max().orElse(0);
    }

    /** The shortest maximum length of any policy known, so that a generated password fits every one. */
    public int smallestMaxLength() {
        return latest.values().stream().mapToInt(PasswordPolicyPublished::maxLength).filter(max -> max > 0).min()
                .orElse(ChangeRequestValidator.MAX_PASSWORD_LENGTH);
    }
}
