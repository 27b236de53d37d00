package io.sspr.events.messaging;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sspr.events.SsprEvent;
import io.sspr.events.json.EventJson;
import java.net.URI;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Kafka messages for events: JSON payload, keyed by user key, CloudEvents binary-mode headers. */
public final class EventMessages {
    private EventMessages() {
    }

    /** @param service the emitting service, as in ce_source urn:sspr:policy-validator */
    public static Message<String> of(SsprEvent event, String service) {
        return of(event, service, null);
    }

    /** @param topic where the record goes; null for the channel's own topic */
    public static Message<String> of(SsprEvent event, String service, String topic) {
        return Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.userKey()).withTopic(topic)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId().toString())
                        .withType(event.cloudEventType())
                        .withSource(URI.create(SsprEvent.SOURCE_PREFIX + service))
                        .withSubject(event.correlationId().toString())
                        .withTimestamp(event.occurredAt().atZone(java.time.ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
    }
}
