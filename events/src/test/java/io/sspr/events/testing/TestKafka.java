package io.sspr.events.testing;

import io.sspr.events.SsprEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the real broker, as the admin, the way another service would see the topics. */
public final class TestKafka {
    /** How long a test waits for a record the system under test should send. */
    public static final Duration RECORD_WAIT = Duration.ofSeconds(60);

    private TestKafka() {
    }

    /** A consumer of every partition of the topic, positioned at its current end (no group, no commits). */
    public static KafkaConsumer<String, String> consumerAtEnd(String topic) {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(RealParts.kafkaBootstrapServers()));
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

    /** Polls until a record matches; fails after {@link #RECORD_WAIT}. */
    public static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> matches) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + RECORD_WAIT.toNanos();
        while (found.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record within " + RECORD_WAIT);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (matches.test(record)) {
                    found.add(record);
                }
            }
        }
        return found.get(0);
    }

    /** A header's value as text, or null without it. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The event as its producer sends it: signed with that producer's key from the stack. */
    public static void produce(String topic, SsprEvent event, String producer) throws Exception {
        send(SignedRecords.record(topic, event, SignedRecords.signerOf(producer)));
    }

    /** An unsigned record, as an attacker or a broken client would send it. */
    public static void produce(String topic, String key, String value) throws Exception {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(ProducerRecord<String, String> record) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record).get();
        }
    }

    /** A producer as the admin, acks=all; the caller closes it. */
    public static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(KafkaTestClients.adminProperties(RealParts.kafkaBootstrapServers(),
                Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.ACKS_CONFIG, "all")));
    }

    /**
     * Creates the topics with one partition each, unless they exist: the broker does not auto-create, and tests map
     * their channels to topics of their own.
     */
    public static void createTopics(Collection<String> topics) {
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(RealParts.kafkaBootstrapServers()))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic + ": " + RealParts.HINT,
                                e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("the broker did not create " + topic + " within 30 s: "
                            + RealParts.HINT, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
