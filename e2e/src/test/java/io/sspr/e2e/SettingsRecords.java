package io.sspr.e2e;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.SignedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The admin's settings on the compacted topic {@code sspr.settings}, which every running service reads: the record in
 * force before a test changed them, and how to put it back afterwards so that services started with other
 * configuration (a portal requiring two methods) are not left overridden.
 */
final class SettingsRecords {
    private SettingsRecords() {
    }

    /** The settings record in force (the newest under the settings' key), empty when there is none. */
    static Optional<ConsumerRecord<String, String>> latest(TopicRecords topics) {
        ConsumerRecord<String, String> latest = null;
        for (ConsumerRecord<String, String> record : topics.fromStart(Topics.SETTINGS)) {
            if (SelfServiceSettings.KEY.equals(record.key())) {
                latest = record;
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * Puts the settings in force before back on top of the compacted topic: the same terms signed again by the admin
     * as new settings (the old record itself would be refused as a replay), or the admin's tombstone when there were
     * none (or a tombstone was the newest), so each service's configuration applies again.
     */
    static void restore(TopicRecords topics, ConsumerRecord<String, String> before) throws Exception {
        ProducerRecord<String, byte[]> restore;
        if (before != null && before.value() != null) {
            SelfServiceSettings settings = EventJson.read(before.value(), SelfServiceSettings.class);
            ProducerRecord<String, String> signed = SignedRecords.record(Topics.SETTINGS,
                    SelfServiceSettings.of(settings.values(), settings.updatedBy(), Instant.now()),
                    SignedRecords.signerOf(Services.ADMIN));
            restore = new ProducerRecord<>(signed.topic(), null, signed.key(),
                    signed.value().getBytes(StandardCharsets.UTF_8), signed.headers());
        } else {
            restore = tombstone();
        }
        try (KafkaProducer<String, byte[]> producer = topics.rawProducer()) {
            producer.send(restore).get(30, TimeUnit.SECONDS);
        }
    }

    /** The admin's signed tombstone of the settings: every service's own configuration applies again. */
    static ProducerRecord<String, byte[]> tombstone() {
        EventSigner admin = SignedRecords.signerOf(Services.ADMIN);
        String id = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", SelfServiceSettings.TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", admin.source().getBytes(StandardCharsets.UTF_8));
        headers.add(EventSigner.HEADER, admin.sign(SelfServiceSettings.TYPE, id, SelfServiceSettings.KEY, null));
        return new ProducerRecord<>(Topics.SETTINGS, null, SelfServiceSettings.KEY, null, headers);
    }
}
