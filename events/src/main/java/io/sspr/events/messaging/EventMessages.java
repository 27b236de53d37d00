package io.sspr.events.messaging;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sspr.events.Producers;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.json.EventJson;
import java.net.URI;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Kafka messages for events: JSON payload, keyed by user key, CloudEvents binary-mode headers, and the producing
 * service's signature over type, source, id, key and payload ({@link EventSigner#HEADER}).
 */
public final class EventMessages {
    private EventMessages() {
    }

    public static Message<String> of(SsprEvent event, EventSigner signer) {
        return of(event, signer, null);
    }

    /** @param topic where the record goes; null for the channel's own topic */
    public static Message<String> of(SsprEvent event, EventSigner signer, String topic) {
        String payload = EventJson.write(event);
        String id = event.eventId().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventSigner.HEADER, signer.sign(event.cloudEventType(), id, event.userKey(), payload));
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.userKey()).withTopic(topic)
                        .withHeaders(headers).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(id)
                        .withType(event.cloudEventType())
                        .withSource(URI.create(signer.source()))
                        .withSubject(event.correlationId().toString())
                        .withTimestamp(event.occurredAt().atZone(java.time.ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
    }

    /**
     * A signed tombstone of a compacted topic: the state under {@code key} is gone (a worker that stops, settings
     * removed). Its signature covers the type, source, id and key with no payload, as {@code verifyTombstone} checks.
     */
    public static Message<String> tombstone(Class<? extends SsprEvent> type, String key, EventSigner signer) {
        String id = UUID.randomUUID().toString();
        String typeName = Producers.typeOf(type);
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventSigner.HEADER, signer.sign(typeName, id, key, null));
        return Message.<String>of(null)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(id).withType(typeName)
                        .withSource(URI.create(signer.source())).build());
    }
}
