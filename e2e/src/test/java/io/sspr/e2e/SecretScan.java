package io.sspr.e2e;

import io.sspr.events.Topics;
import io.sspr.events.testing.KafkaTestClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Collects everything a secret could leak into: every Kafka record of every topic, service logs, a database dump.
 * Bytes are read as ISO-8859-1 so that both the UTF-8 and the UTF-16LE form of an ASCII password can be searched.
 */
final class SecretScan {

    private SecretScan() {
    }

    /** All keys, values and headers of all topics (with dead-letter topics) as text, read from the beginning. */
    static String allKafkaRecords(RunningStack parts) {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        StringBuilder text = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topics.TopicSpec topic : Topics.allWithDeadLetters()) {
                consumer.partitionsFor(topic.name(), Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    append(text, record.key());
                    append(text, record.value());
                    for (Header header : record.headers()) {
                        text.append(header.key()).append('=');
                        append(text, header.value());
                    }
                }
            }
            if (!reachedEnd(consumer, end)) {
                throw new AssertionError("could not read every topic to its end within 60 s");
            }
        }
        return text.toString();
    }

    static String files(Collection<Path> files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return text.toString();
    }

    /** {@code pg_dump} of the whole database the services share (every schema, data included). */
    static String databaseDump(RunningStack parts) throws IOException, InterruptedException {
        // jdbc:postgresql://host:port/db
        String location = parts.postgresJdbcUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        String hostPort = location.substring(0, location.indexOf('/'));
        String database = location.substring(location.indexOf('/') + 1);
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        Process dump = new ProcessBuilder("pg_dump", "-h", host, "-p", port, "-U", parts.postgresUser(), "--no-password",
                database).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = dump.getInputStream()) {
            in.transferTo(out);
        }
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new AssertionError("pg_dump failed: " + out.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** A password as it would appear in the scanned text: UTF-8, and UTF-16LE as in unicodePwd (read as Latin-1). */
    static List<String> forms(String password) {
        return List.of(password, new String(password.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static void append(StringBuilder text, byte[] bytes) {
        if (bytes != null) {
            text.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
        }
    }
}
