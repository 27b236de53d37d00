package io.sspr.portal.service;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.Operator;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.EventMessages;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.SettingsRecords;
import io.sspr.events.messaging.SettingsRecords.Replaced;
import io.sspr.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * The administrator's settings in force, for every instance: the newest {@link SelfServiceSettings} on the compacted
 * topic (each instance reads it whole), the portal's configuration until an administrator saved any. Saving publishes
 * signed settings, waits for Kafka, applies them here at once (the other services and instances read them from the
 * topic within seconds) and audits what changed with the old and new values.
 */
@ApplicationScoped
public class SettingsService {
    private static final Logger LOG = Logger.getLogger(SettingsService.class);
    /** The audit's target for settings changes: the settings have no user. */
    static final String AUDIT_KEY = "settings";
    /** The outgoing channel to {@link Topics#SETTINGS}; the incoming one has the topic's name. */
    static final String SETTINGS_OUT = "sspr.settings.saved";

    private final MutinyEmitter<String> emitter;
    private final EventSigner signer;
    private final SettingsRecords records;
    private final AuditPublisher audit;
    private final Values configured;
    private final Duration publishTimeout;
    private volatile InForce inForce;

    /** The values in force, who saved them and when; {@code updatedBy} null while the configuration applies. */
    public record InForce(Values values, String updatedBy, Instant since) {
    }

    public SettingsService(@Channel(SETTINGS_OUT) MutinyEmitter<String> emitter, EventSigner signer,
            EventVerifier verifier, AuditPublisher audit, PortalConfig config) {
        this.emitter = emitter;
        this.signer = signer;
        this.records = new SettingsRecords(verifier);
        this.audit = audit;
        this.configured = new Values(true, config.selfService().unlockAllowed(), config.selfService().methodsRequired(),
                null, List.of(), false);
        this.publishTimeout = config.publishTimeout();
        this.inForce = new InForce(configured, null, Instant.EPOCH);
    }

    public Values current() {
        return inForce.values();
    }

    public InForce inForce() {
        return inForce;
    }

    /** A record of {@code sspr.settings}: settings of this key replace those in force; a signed tombstone clears them. */
    public void apply(IncomingRecord record) {
        records.read(record).ifPresent(change -> {
            if (change instanceof Replaced replaced) {
                accept(replaced.settings());
            } else {
                inForce = new InForce(configured, null, Instant.now());
                LOG.info("self-service settings deleted: the configuration applies");
            }
        });
    }

    /**
     * Publishes new settings and applies them; audited with old and new values.
     *
     * @throws IllegalStateException when Kafka did not acknowledge them (nothing changed)
     */
    public InForce save(Values values, Operator operator) {
        InForce before = inForce;
        SelfServiceSettings settings = SelfServiceSettings.of(values, operator.subject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            emitter.sendMessage(EventMessages.of(settings, signer)).await().atMost(publishTimeout);
        } catch (RuntimeException e) {
            LOG.warnf("settings not saved: Kafka did not acknowledge them (%s)", e.getClass().getSimpleName());
            throw new IllegalStateException("Kafka did not acknowledge the settings", e);
        }
        accept(settings);
        auditChanges(settings.correlationId(), before.values(), values, operator);
        return inForce;
    }

    private synchronized void accept(SelfServiceSettings settings) {
        records.applied(settings);
        inForce = new InForce(settings.values(), settings.updatedBy(), settings.occurredAt());
        LOG.infof("self-service settings in force: writebackEnabled=%s unlockAllowed=%s methodsRequired=%d "
                + "scopeGroup=%s customBannedTerms=%d nistMode=%s (by %s)", settings.writebackEnabled(),
                settings.unlockAllowed(), settings.methodsRequired(), settings.scopeGroupDn() != null,
                settings.customBannedTerms().size(), settings.nistMode(), settings.updatedBy());
    }

    /** Entra logs the writeback switch as an activity of its own, every other setting as a policy change. */
    private void auditChanges(UUID correlationId, Values before, Values after, Operator operator) {
        if (before.writebackEnabled() != after.writebackEnabled()) {
            audit.publish(event(correlationId, AuditActivity.WRITEBACK_TOGGLED, operator,
                    "Password writeback " + (after.writebackEnabled() ? "enabled" : "disabled"),
                    Map.of("writebackEnabled.old", String.valueOf(before.writebackEnabled()),
                            "writebackEnabled.new", String.valueOf(after.writebackEnabled()))));
        }
        Map<String, String> changes = new LinkedHashMap<>();
        compare(changes, "unlockAllowed", before.unlockAllowed(), after.unlockAllowed());
        compare(changes, "methodsRequired", before.methodsRequired(), after.methodsRequired());
        compare(changes, "scopeGroupDn", before.scopeGroupDn(), after.scopeGroupDn());
        compare(changes, "customBannedTerms", String.join(",", before.customBannedTerms()),
                String.join(",", after.customBannedTerms()));
        compare(changes, "nistMode", before.nistMode(), after.nistMode());
        if (!changes.isEmpty()) {
            audit.publish(event(correlationId, AuditActivity.POLICY_CHANGES, operator,
                    "Self-service settings changed: " + String.join(", ",
                            changes.keySet().stream().filter(k -> k.endsWith(".new"))
                                    .map(k -> k.substring(0, k.length() - 4)).toList()),
                    changes));
        }
    }

    private static void compare(Map<String, String> changes, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(name + ".old", before == null ? "" : before.toString());
            changes.put(name + ".new", after == null ? "" : after.toString());
        }
    }

    private static AuditEvent event(UUID correlationId, AuditActivity activity, Operator operator, String reason,
            Map<String, String> details) {
        return new AuditEvent(UUID.randomUUID(), correlationId, Instant.now(), SsprEvent.SCHEMA_VERSION, AUDIT_KEY,
                activity, AuditResult.success, reason, operator.displayName(), null, Services.RESET_PORTAL, details);
    }
}
