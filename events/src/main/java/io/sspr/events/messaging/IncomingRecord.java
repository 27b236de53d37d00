package io.sspr.events.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.sspr.events.SsprEvent;
import io.sspr.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A Kafka record as it arrived, read without trusting anything in it: the payload as text, the headers as raw bytes
 * (CloudEvents headers are not parsed by the connector, whose parser stops a channel on a bad {@code ce_time}).
 */
public record IncomingRecord(String topic, int partition, long offset, String key, String payload,
        Map<String, byte[]> headers, Instant timestamp) {

    /** A record without a broker timestamp (tests). */
    public IncomingRecord(String topic, int partition, long offset, String key, String payload,
            Map<String, byte[]> headers) {
        this(topic, partition, offset, key, payload, headers, null);
    }

    /** Longer keys are not a user key by contract; they are not carried into audit records. */
    private static final int MAX_KEY_CHARS = 256;

    public static IncomingRecord of(Message<?> message) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Map<String, byte[]> headers = new LinkedHashMap<>();
        kafka.ifPresent(meta -> {
            for (Header header : meta.getHeaders()) {
                headers.put(header.key(), header.value());
            }
        });
        return new IncomingRecord(
                kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown"),
                kafka.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1),
                kafka.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L),
                kafka.map(meta -> meta.getKey() == null ? null : String.valueOf(meta.getKey())).orElse(null),
                text(message.getPayload()), headers,
                kafka.map(meta -> (Instant) meta.getTimestamp()).orElse(null));
    }

    /**
     * Reads the payload as one event type, trusting nothing: consumers read events through
     * {@link io.sspr.events.crypto.EventVerifier}, which proves the signer first.
     */
    public <T extends SsprEvent> T readUnverified(Class<T> type) {
        return EventJson.read(payload, type);
    }

    /** The key when it can be a user key, else "unknown". */
    public String userKeyOrUnknown() {
        return key != null && !key.isBlank() && key.length() <= MAX_KEY_CHARS ? key : "unknown";
    }

    public Optional<String> header(String name) {
        byte[] value = headers.get(name);
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    /** The correlation id from ce_subject (set by every producer), if it is one. */
    public Optional<UUID> subjectCorrelationId() {
        return header("ce_subject").flatMap(subject -> {
            try {
                return Optional.of(UUID.fromString(subject));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** "topic-partition@offset", for logs. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }

    private static String text(Object payload) {
        if (payload == null || payload instanceof String) {
            return (String) payload;
        }
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // A connector that decoded the record on its own: read it as text like any other, so it fails as JSON.
        return String.valueOf(payload);
    }
}
