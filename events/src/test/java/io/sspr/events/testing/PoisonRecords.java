package io.sspr.events.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records no consumer can process, as an attacker or a broken producer could put them on any topic: each must be
 * dead-lettered and the next good record processed. Every record is keyed {@code <prefix>-<n>}, so a test can find
 * its dead letters.
 */
public final class PoisonRecords {
    /** Just under the broker's default maximum record size. */
    private static final int ONE_MEGABYTE = 1_000_000;

    private PoisonRecords() {
    }

    public static List<ProducerRecord<String, byte[]>> forTopic(String topic, String keyPrefix) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(withCloudEventHeaders(topic, keyPrefix + "-bad-source", "{}", "ce_source", ":::not a uri"));
        records.add(withCloudEventHeaders(topic, keyPrefix + "-bad-time", "{}", "ce_time", "yesterday at noon"));
        ProducerRecord<String, byte[]> structured = new ProducerRecord<>(topic, keyPrefix + "-structured", utf8(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"urn:x\",\"type\":\"" + topic + ".v1\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"eventId\":\"x\"}}"));
        structured.headers().add("content-type", utf8("application/cloudevents+json; charset=UTF-8"));
        records.add(structured);
        records.add(new ProducerRecord<>(topic, keyPrefix + "-wrong-types",
                utf8("{\"eventId\":5,\"correlationId\":[1,2],\"occurredAt\":true,\"schemaVersion\":\"one\"}")));
        records.add(new ProducerRecord<>(topic, keyPrefix + "-binary",
                new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x7b, 0, 0x22, (byte) 0xc3}));
        records.add(new ProducerRecord<>(topic, keyPrefix + "-one-megabyte",
                utf8("{\"padding\":\"" + "a".repeat(ONE_MEGABYTE) + "\"}")));
        records.add(new ProducerRecord<>(topic, keyPrefix + "-null", null));
        return records;
    }

    public static void send(String bootstrapServers, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(bootstrapServers));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * ONE_MEGABYTE);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static ProducerRecord<String, byte[]> withCloudEventHeaders(String topic, String key, String value,
            String badHeader, String badValue) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, utf8(value));
        record.headers().add("ce_specversion", utf8("1.0"));
        record.headers().add("ce_id", utf8("poison-" + key));
        record.headers().add("ce_type", utf8(topic + ".v1"));
        record.headers().add("ce_source", utf8("urn:sspr:test"));
        record.headers().add("ce_time", utf8("2026-12-01T00:00:00Z"));
        record.headers().remove(badHeader);
        record.headers().add(badHeader, utf8(badValue));
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
