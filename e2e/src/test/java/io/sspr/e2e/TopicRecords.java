package io.sspr.e2e;

import io.sspr.events.testing.KafkaTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends records and reads what a topic received after a mark, straight from the broker. */
final class TopicRecords {
    private final RunningStack parts;

    TopicRecords(RunningStack parts) {
        this.parts = parts;
    }

    RecordMetadata send(String topic, String key, String value) throws Exception {
        return send(new ProducerRecord<>(topic, key, value));
    }

    RecordMetadata send(ProducerRecord<String, String> record) throws Exception {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** The current end of every partition: later reads return only what arrives after it. */
    Map<TopicPartition, Long> mark(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        }
    }

    /** The values received since the mark that mention the correlation id. */
    List<String> since(Map<TopicPartition, Long> mark, UUID correlationId) {
        return since(mark, correlationId.toString());
    }

    /** The values received since the mark that contain the text. */
    List<String> since(Map<TopicPartition, Long> mark, String text) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(mark.keySet());
            mark.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(mark.keySet(), Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.value().contains(text)) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * A producer of records with any value (bytes, up to 2 MB, so poison records of one megabyte fit) that the caller
     * closes: to inject what an attacker or a broken producer could write.
     */
    KafkaProducer<String, byte[]> rawProducer() {
        Properties config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Follows these topics from their current end, in the background, until closed. */
    Follower follow(Collection<String> topics) {
        Properties config = clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        return new Follower(new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer()), topics);
    }

    /** Every record of the topic from its beginning up to its end as it is now. */
    List<ConsumerRecord<String, String>> fromStart(String topic) {
        Properties config = clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /** What this suite's own Kafka clients connect with: the operator's (admin) principal, as every test client. */
    private Properties clientConfig() {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        return config;
    }

    /** Every record that arrives on some topics after a moment, read by one background consumer. */
    static final class Follower implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> records = Collections.synchronizedList(new ArrayList<>());
        private final Map<TopicPartition, Long> next = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        private Follower(KafkaConsumer<String, String> consumer, Collection<String> topics) {
            this.consumer = consumer;
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> start.put(p, consumer.position(p))); // fixes "now" before the first case is sent
            thread = new Thread(this::follow, "topic-follower");
            thread.setDaemon(true);
            thread.start();
        }

        private void follow() {
            try {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        records.add(record);
                        next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        /** Whether it has read every partition up to these offsets. */
        boolean hasRead(Map<TopicPartition, Long> offsets) {
            return offsets.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || next.getOrDefault(e.getKey(), -1L) >= e.getValue()
                    || startedAtOrAfter(e.getKey(), e.getValue()));
        }

        private final Map<TopicPartition, Long> start = new java.util.concurrent.ConcurrentHashMap<>();

        private boolean startedAtOrAfter(TopicPartition partition, long offset) {
            Long first = start.get(partition);
            return first != null && first >= offset;
        }

        /** What arrived on the topic so far, in order per partition. */
        List<ConsumerRecord<String, String>> records(String topic) {
            synchronized (records) {
                return records.stream().filter(r -> r.topic().equals(topic)).toList();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(10_000);
        }
    }
}
