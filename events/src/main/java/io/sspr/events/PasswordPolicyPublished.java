package io.sspr.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One effective password policy of the directory (the domain's or a fine-grained PSO's) in numbers and words, on
 * the compacted topic sspr.directory.policies, so the portal can guide people without asking the directory.
 * Nothing secret: these are the settings any user of the domain may read.
 *
 * @param policyKey "domain" or the PSO's DN; also the Kafka key, so compaction keeps the latest of each
 * @param precedence null for the domain policy; lower wins among PSOs
 * @param dialect whose complexity rules the DC applies: WINDOWS or SAMBA
 * @param minAge ISO-8601, PT0S when a password may change again at once
 * @param maxAge ISO-8601, null when passwords never expire
 */
public record PasswordPolicyPublished(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        int schemaVersion,
        String policyKey,
        Source source,
        Integer precedence,
        int minLength,
        int maxLength,
        boolean complexity,
        String dialect,
        int historyLength,
        Duration minAge,
        Duration maxAge,
        List<String> rules) implements SsprEvent {

    public static final String TYPE = Topics.DIRECTORY_POLICIES + ".v1";
    public static final String DOMAIN_KEY = "domain";

    public enum Source {
        DOMAIN, PSO
    }

    public PasswordPolicyPublished {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        requireNonNull(policyKey, "policyKey");
        requireNonNull(source, "source");
        requireNonNull(dialect, "dialect");
        requireNonNull(minAge, "minAge");
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    @Override
    @JsonIgnore
    public String userKey() {
        return policyKey;
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }

    /** The same policy with a new identity, for comparing what was published with what is read now. */
    public boolean samePolicyAs(PasswordPolicyPublished other) {
        return other != null && policyKey.equals(other.policyKey) && source == other.source
                && java.util.Objects.equals(precedence, other.precedence) && minLength == other.minLength
                && maxLength == other.maxLength && complexity == other.complexity && dialect.equals(other.dialect)
                && historyLength == other.historyLength && minAge.equals(other.minAge)
                && java.util.Objects.equals(maxAge, other.maxAge) && rules.equals(other.rules);
    }
}
