package io.sspr.validator.messaging;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.sspr.events.PasswordProtectionSettings;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.events.json.MalformedEventException;
import io.sspr.validator.rules.BannedList;

/**
 * Consumes the admin's settings ({@code sspr.settings}, compacted, read from the start by every instance) and applies
 * the custom banned list at once; emits nothing. Other keys on the topic belong to other services.
 */
@ApplicationScoped
public class SettingsConsumer {

    private static final Logger LOG = Logger.getLogger(SettingsConsumer.class);

    private final BannedList bannedList;

    public SettingsConsumer(BannedList bannedList) {
        this.bannedList = bannedList;
    }

    @Incoming(Topics.SETTINGS)
    public CompletionStage<Void> consume(Message<String> message) {
        String key = message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> String.valueOf(m.getKey()))
                .orElse("");
        if (!PasswordProtectionSettings.KEY.equals(key)) {
            return message.ack();
        }
        if (message.getPayload() == null) {
            bannedList.replaceCustomTerms(List.of()); // a tombstone: the admin removed the settings
            LOG.info("custom banned list cleared (settings deleted)");
            return message.ack();
        }
        try {
            PasswordProtectionSettings settings = EventJson.read(message.getPayload(), PasswordProtectionSettings.class);
            bannedList.replaceCustomTerms(settings.customBannedTerms());
            LOG.infof("custom banned list replaced: %d terms (by %s)", settings.customBannedTerms().size(),
                    settings.updatedBy());
            return message.ack();
        } catch (MalformedEventException | IllegalArgumentException e) {
            // Keep the list in force; the record goes to the dead-letter topic with the reason.
            LOG.errorf("settings record refused, the current banned list stays: %s", e.getMessage());
            return message.nack(e);
        }
    }
}
