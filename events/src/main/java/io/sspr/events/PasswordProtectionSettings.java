package io.sspr.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The admin's password-protection settings, on the compacted topic {@code sspr.settings} under {@link #KEY}: the
 * newest record is the setting in force. Every validator instance reads it, so a change needs no restart.
 */
public record PasswordProtectionSettings(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        int schemaVersion,
        List<String> customBannedTerms,
        String updatedBy) implements SsprEvent {

    public static final String TYPE = Topics.SETTINGS + ".password-protection.v1";
    public static final String KEY = "password-protection";
    /** Entra's limits for the custom list. */
    public static final int MAX_CUSTOM_TERMS = 1000;
    public static final int MIN_TERM_LENGTH = 4;
    public static final int MAX_TERM_LENGTH = 16;

    public PasswordProtectionSettings {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        customBannedTerms = customBannedTerms == null ? List.of() : List.copyOf(customBannedTerms);
        if (customBannedTerms.size() > MAX_CUSTOM_TERMS) {
            throw new IllegalArgumentException("the custom banned list has " + customBannedTerms.size()
                    + " terms; at most " + MAX_CUSTOM_TERMS + " are allowed");
        }
        for (int i = 0; i < customBannedTerms.size(); i++) {
            int length = customBannedTerms.get(i).strip().length();
            if (length < MIN_TERM_LENGTH || length > MAX_TERM_LENGTH) {
                throw new IllegalArgumentException("custom banned term " + i + " has " + length
                        + " characters; terms need " + MIN_TERM_LENGTH + " to " + MAX_TERM_LENGTH);
            }
        }
    }

    public static PasswordProtectionSettings of(List<String> customBannedTerms, String updatedBy, Instant now) {
        return new PasswordProtectionSettings(UUID.randomUUID(), UUID.randomUUID(), now, SCHEMA_VERSION,
                customBannedTerms, updatedBy);
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }

    @Override
    @JsonIgnore
    public String userKey() {
        return KEY;
    }
}
