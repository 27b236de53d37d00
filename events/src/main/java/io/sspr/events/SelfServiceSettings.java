package io.sspr.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The administrator's self-service settings, on the compacted topic {@code sspr.settings} under {@link #KEY}: the
 * newest record is the setting in force, and every service reads the whole topic, so a change applies everywhere within
 * seconds and needs no restart. Until an administrator saves settings, each service uses its own configuration.
 *
 * @param writebackEnabled the cloud side of Entra's two switches: off, nothing is written and every request is refused
 *        with WRITEBACK_INACTIVE (the worker's own {@code sspr.worker.writeback-enabled} is the other one)
 * @param unlockAllowed whether a locked-out user may unlock without resetting the password
 * @param methodsRequired how many verification methods a reset or unlock needs: 1 or 2
 * @param scopeGroupDn only members of this group (nested too) may use self-service; null means everyone
 * @param customBannedTerms the organisation's own banned terms (Entra's limits: at most 1000, 4-16 characters)
 * @param nistMode NIST SP 800-63B on top of the directory's rules (longer minimum, blocklists always on)
 * @param updatedBy who saved them: the administrator's token subject
 */
public record SelfServiceSettings(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        int schemaVersion,
        boolean writebackEnabled,
        boolean unlockAllowed,
        int methodsRequired,
        String scopeGroupDn,
        List<String> customBannedTerms,
        boolean nistMode,
        String updatedBy) implements SsprEvent {

    public static final String TYPE = Topics.SETTINGS + ".self-service.v1";
    public static final String KEY = "self-service";
    /** Entra's limits for the custom list. */
    public static final int MAX_CUSTOM_TERMS = 1000;
    public static final int MIN_TERM_LENGTH = 4;
    public static final int MAX_TERM_LENGTH = 16;

    public SelfServiceSettings {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        if (methodsRequired < 1 || methodsRequired > 2) {
            throw new IllegalArgumentException("methodsRequired is " + methodsRequired + "; it must be 1 or 2");
        }
        scopeGroupDn = scopeGroupDn == null || scopeGroupDn.isBlank() ? null : scopeGroupDn.strip();
        customBannedTerms = customBannedTerms == null ? List.of() : List.copyOf(customBannedTerms);
        if (customBannedTerms.size() > MAX_CUSTOM_TERMS) {
            throw new IllegalArgumentException("the custom banned list has " + customBannedTerms.size()
                    + " terms; at most " + MAX_CUSTOM_TERMS + " are allowed");
        }
        for (int i = 0; i < customBannedTerms.size(); i++) {
            int length = customBannedTerms.get(i).strip().length();
            if (length < MIN_TERM_LENGTH || length > MAX_TERM_LENGTH) {
                throw new IllegalArgumentException("custom banned term " + (i + 1) + " has " + length
                        + " characters; terms need " + MIN_TERM_LENGTH + " to " + MAX_TERM_LENGTH);
            }
        }
    }

    /** The values an administrator sets, without the event's envelope. */
    public record Values(boolean writebackEnabled, boolean unlockAllowed, int methodsRequired, String scopeGroupDn,
            List<String> customBannedTerms, boolean nistMode) {
        /** What applies before anyone saved settings, where a service has no configuration of its own. */
        public static final Values DEFAULTS = new Values(true, true, 1, null, List.of(), false);

        public Values withCustomBannedTerms(List<String> terms) {
            return new Values(writebackEnabled, unlockAllowed, methodsRequired, scopeGroupDn, terms, nistMode);
        }

        public Values withWritebackEnabled(boolean enabled) {
            return new Values(enabled, unlockAllowed, methodsRequired, scopeGroupDn, customBannedTerms, nistMode);
        }
    }

    public static SelfServiceSettings of(Values values, String updatedBy, Instant now) {
        return new SelfServiceSettings(UUID.randomUUID(), UUID.randomUUID(), now, SCHEMA_VERSION,
                values.writebackEnabled(), values.unlockAllowed(), values.methodsRequired(), values.scopeGroupDn(),
                values.customBannedTerms(), values.nistMode(), updatedBy);
    }

    /** Default values with only the custom banned list set. */
    public static SelfServiceSettings of(List<String> customBannedTerms, String updatedBy, Instant now) {
        return of(Values.DEFAULTS.withCustomBannedTerms(customBannedTerms), updatedBy, now);
    }

    public Values values() {
        return new Values(writebackEnabled, unlockAllowed, methodsRequired, scopeGroupDn, customBannedTerms, nistMode);
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
