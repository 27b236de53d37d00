package io.sspr.events.testing;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Plain consumers for tests that read what a service wrote, as another service would. */
public final class TestConsumers {
    private TestConsumers() {
    }

    /** A consumer in a group of its own (named after the prefix), reading subscribed topics from their start. */
    public static KafkaConsumer<String, String> fromStart(String bootstrapServers, String groupPrefix) {
        Map<String, Object> config = KafkaTestClients.adminProperties(bootstrapServers);
        config.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return new KafkaConsumer<>(config);
    }
}
