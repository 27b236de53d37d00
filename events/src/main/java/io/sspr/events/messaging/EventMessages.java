package io.sspr.events.messaging;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.json.EventJson;
import java.net.URI;
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
}
