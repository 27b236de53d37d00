package io.sspr.portal.rest;

import static org.awaitility.Awaitility.await;

import io.sspr.events.SsprEvent;
import io.sspr.events.testing.KafkaTestClients;
import io.sspr.events.testing.SignedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients against the real broker, as another service would see the topics. */
final class TestKafka {
    private TestKafka() {
    }

    static String bootstrap() {
        return System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    }

    /** A consumer of every partition of the topic, positioned at its current end (no group, no commits). */
    static KafkaConsumer<String, String> consumerAtEnd(String topic) {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(bootstrap()));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the test produces anything
        return consumer;
    }

    /** Polls until a record matches; fails after 30 s. */
    static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> matches) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (matches.test(record)) {
                    found.add(record);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The event as its producer sends it: signed with that producer's key from the stack. */
    static void produce(String topic, SsprEvent event, String producer) throws Exception {
        send(SignedRecords.record(topic, event, SignedRecords.signerOf(producer)));
    }

    static void produce(String topic, String key, String value) throws Exception {
        send(new ProducerRecord<>(topic, key, value));
    }

    static void send(ProducerRecord<String, String> record) throws Exception {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(bootstrap()));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(record).get();
        }
    }
}
