package io.sspr.worker.testing;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.IncomingRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The admin deleting the self-service settings: a record without a value under their key, signed like the settings
 * (CloudEvents type, source and id, and the signature over them and the key).
 */
public final class SettingsTombstones {
    private SettingsTombstones() {
    }

    public static ProducerRecord<String, String> record(String topic, EventSigner signer) {
        RecordHeaders headers = new RecordHeaders();
        headers(signer).forEach(headers::add);
        return new ProducerRecord<>(topic, null, SelfServiceSettings.KEY, null, headers);
    }

    /** As the settings consumer receives it. */
    public static IncomingRecord incoming(String topic, EventSigner signer) {
        return new IncomingRecord(topic, 0, 0L, SelfServiceSettings.KEY, null, headers(signer));
    }

    private static Map<String, byte[]> headers(EventSigner signer) {
        String id = UUID.randomUUID().toString();
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", utf8("1.0"));
        headers.put("ce_id", utf8(id));
        headers.put("ce_type", utf8(SelfServiceSettings.TYPE));
        headers.put("ce_source", utf8(signer.source()));
        headers.put(EventSigner.HEADER, signer.sign(SelfServiceSettings.TYPE, id, SelfServiceSettings.KEY, null));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
