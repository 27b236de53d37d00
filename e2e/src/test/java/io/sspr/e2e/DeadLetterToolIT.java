package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.Topics;
import io.sspr.events.messaging.DeadLetterHeaders;
import io.sspr.events.testing.KafkaTestClients;
import io.sspr.events.testing.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code deploy/local/stack dlq} and {@code dlq replay}, run as processes on the stack's Kafka: two dead letters written
 * to {@code sspr.settings.dlq} are counted with their reasons, go back to {@code sspr.settings} once with their original
 * headers and without the dead-letter ones, and a second replay sends nothing.
 *
 * <p>The records are keyed with this run's id, which no service acts on (the policy validator reads only the
 * password-protection key of {@code sspr.settings}; nothing else consumes it), and are removed from the compacted topic
 * with tombstones afterwards. The replay uses a consumer group of this run, started at the end of the dead-letter topic,
 * so it never sends another test's or a person's dead letters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterToolIT {

    private static final String SOURCE = Topics.SETTINGS;
    private static final String DEAD_LETTERS = Topics.deadLetter(SOURCE);
    private static final TopicPartition DEAD_LETTER_PARTITION = new TopicPartition(DEAD_LETTERS, 0);
    private static final String STACK_GROUP = "sspr-dlq-replay";
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);

    private final String run = UUID.randomUUID().toString();
    private final String group = "sspr-dlq-replay-e2e-" + run;
    private final String keyPrefix = "e2e-dead-letter-tool-" + run + "-";
    private RunningStack parts;
    private Path stack;
    private long deadLetterMark = -1;
    private final List<String> sentKeys = new ArrayList<>();

    @BeforeAll
    void parts() {
        parts = RunningStack.fromEnvironment();
        stack = parts.repoRoot().resolve("deploy/local/stack");
        assertTrue(Files.isExecutable(stack), stack + " is not executable");
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (parts == null) {
            return;
        }
        if (!sentKeys.isEmpty()) {
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (String key : sentKeys) {
                    producer.send(new ProducerRecord<>(SOURCE, bytes(key), null)).get(30, TimeUnit.SECONDS);
                }
            }
        }
        try (Admin admin = admin()) {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
            // The stack's own replay group: this run's two records count as replayed there too, when it had replayed
            // everything before them (otherwise it is left as it is, with what it has not replayed yet).
            if (deadLetterMark >= 0 && !sentKeys.isEmpty()) {
                OffsetAndMetadata stackOffset = admin.listConsumerGroupOffsets(STACK_GROUP)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(DEAD_LETTER_PARTITION);
                long beginning;
                try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                    beginning = consumer.beginningOffsets(List.of(DEAD_LETTER_PARTITION)).get(DEAD_LETTER_PARTITION);
                }
                long stackPosition = Math.max(stackOffset == null ? 0 : stackOffset.offset(), beginning);
                if (stackPosition == deadLetterMark) {
                    admin.alterConsumerGroupOffsets(STACK_GROUP, Map.of(DEAD_LETTER_PARTITION,
                            new OffsetAndMetadata(deadLetterMark + sentKeys.size(), "replayed by DeadLetterToolIT")))
                            .all().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void deadLettersAreListedWithTheirReasonsAndReplayedToTheirSourceTopicOnce() throws Exception {
        deadLetterMark = endOffset(DEAD_LETTER_PARTITION);
        Map<TopicPartition, Long> sourceMark = endOffsets(SOURCE);
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(DEAD_LETTER_PARTITION, new OffsetAndMetadata(deadLetterMark)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Listing before = listing(tool("dlq"));

        List<ProducerRecord<byte[], byte[]>> deadLetters = List.of(
                deadLetter(1, "REFUSED", "e2e: a refused settings record"),
                deadLetter(2, "MALFORMED", "e2e: field customBannedTerms is not a list"));
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ProducerRecord<byte[], byte[]> record : deadLetters) {
                producer.send(record).get(30, TimeUnit.SECONDS);
                sentKeys.add(new String(record.key(), StandardCharsets.UTF_8));
            }
        }

        Listing waiting = listing(tool("dlq"));
        assertEquals(before.records() + 2, waiting.records(), "records of " + DEAD_LETTERS);
        assertEquals(2, waiting.notReplayed(), "not replayed since this run's mark");
        assertEquals(before.reason("REFUSED") + 1, waiting.reason("REFUSED"), "REFUSED records");
        assertEquals(before.reason("MALFORMED") + 1, waiting.reason("MALFORMED"), "MALFORMED records");

        String replay = tool("dlq", "replay", SOURCE);
        assertTrue(replay.contains(DEAD_LETTERS + " -> " + SOURCE + ": sent 2 records"), replay);

        List<ConsumerRecord<byte[], byte[]>> replayed = replayedRecords(sourceMark);
        assertEquals(2, replayed.size(), "records of this run on " + SOURCE + " after one replay");
        for (int i = 0; i < deadLetters.size(); i++) {
            ProducerRecord<byte[], byte[]> original = deadLetters.get(i);
            ConsumerRecord<byte[], byte[]> copy = replayed.get(i);
            assertArrayEquals(original.key(), copy.key(), "key");
            assertArrayEquals(original.value(), copy.value(), "value");
            List<Header> expected = new ArrayList<>();
            original.headers().forEach(h -> {
                if (!DeadLetterHeaders.isDeadLetterHeader(h.key())) {
                    expected.add(h);
                }
            });
            List<Header> actual = new ArrayList<>();
            copy.headers().forEach(actual::add);
            assertEquals(names(expected), names(actual), "the original headers, in order, without dead-letter-*");
            for (int h = 0; h < expected.size(); h++) {
                assertArrayEquals(expected.get(h).value(), actual.get(h).value(), "header " + expected.get(h).key());
            }
            assertFalse(names(actual).stream().anyMatch(DeadLetterHeaders::isDeadLetterHeader), names(actual).toString());
        }
        assertEquals(deadLetterMark + 2, ConsumerGroups.committedOffset(parts, group, DEAD_LETTER_PARTITION),
                "the replay recorded how far it got");

        Listing afterReplay = listing(tool("dlq"));
        assertEquals(waiting.records(), afterReplay.records(), "a replay does not remove dead letters");
        assertEquals(0, afterReplay.notReplayed(), "nothing waits after the replay");

        String again = tool("dlq", "replay", DEAD_LETTERS);
        assertTrue(again.contains(DEAD_LETTERS + " -> " + SOURCE + ": sent 0 records"), again);
        assertEquals(2, replayedRecords(sourceMark).size(), "a second replay sent nothing");
    }

    @Test
    void anUnknownTopicIsRefusedWithTheKnownOnes() throws Exception {
        ToolRun result = run("dlq", "replay", "sspr.no.such.topic");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("unknown topic sspr.no.such.topic") && result.stderr().contains(SOURCE),
                result.toString());
    }

    // ---------------------------------------------------------------------------------------------- the tool

    private record ToolRun(int exitCode, String stdout, String stderr) {
    }

    private String tool(String... args) throws Exception {
        ToolRun run = run(args);
        if (run.exitCode() != 0) {
            fail("deploy/local/stack " + String.join(" ", args) + " exited with " + run.exitCode() + ": " + run
                    + (run.stderr().contains("Kafka") ? "; " + RealParts.HINT : ""));
        }
        System.out.printf("e2e: deploy/local/stack %s%n%s", String.join(" ", args), run.stdout());
        return run.stdout();
    }

    private ToolRun run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(stack.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("stack-dlq", ".out");
        Path err = Files.createTempFile("stack-dlq", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(parts.repoRoot().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("SSPR_DLQ_REPLAY_GROUP", group);
            Process process = builder.start();
            if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("deploy/local/stack " + String.join(" ", args) + " did not end in " + TOOL_TIMEOUT + ": "
                        + read(err));
            }
            return new ToolRun(process.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** One line of {@code stack dlq}: records, not replayed, reasons. */
    private record Listing(long records, long notReplayed, Map<String, Long> reasons) {
        long reason(String reason) {
            return reasons.getOrDefault(reason, 0L);
        }
    }

    private static Listing listing(String output) {
        Matcher line = Pattern.compile("^" + Pattern.quote(DEAD_LETTERS) + " +(\\d+) +(\\d+) *(.*)$", Pattern.MULTILINE)
                .matcher(output);
        assertTrue(line.find(), "no line for " + DEAD_LETTERS + " in:\n" + output);
        Map<String, Long> reasons = new HashMap<>();
        if (!line.group(3).isBlank()) {
            for (String entry : line.group(3).split(", ")) {
                int space = entry.lastIndexOf(' ');
                reasons.put(entry.substring(0, space), Long.parseLong(entry.substring(space + 1)));
            }
        }
        return new Listing(Long.parseLong(line.group(1)), Long.parseLong(line.group(2)), reasons);
    }

    // ---------------------------------------------------------------------------------------------- Kafka

    /** A dead letter as the failure rule writes it: the source record's headers, then the dead-letter ones. */
    private ProducerRecord<byte[], byte[]> deadLetter(int n, String reason, String cause) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_type", bytes("sspr.e2e.dead-letter-tool.v1"));
        headers.add("ce_source", bytes("/e2e/DeadLetterToolIT"));
        headers.add("e2e-binary", new byte[] {0, (byte) 0xff, 10, (byte) n});
        headers.add(DeadLetterHeaders.REASON, bytes(reason));
        headers.add(DeadLetterHeaders.CAUSE, bytes(cause));
        headers.add(DeadLetterHeaders.TOPIC, bytes(SOURCE));
        headers.add(DeadLetterHeaders.PARTITION, bytes("0"));
        headers.add(DeadLetterHeaders.OFFSET, bytes(Long.toString(1_000_000L + n)));
        headers.add(DeadLetterHeaders.SERVICE, bytes("policy-validator"));
        headers.add(DeadLetterHeaders.AT, bytes(Instant.now().toString()));
        String value = "{\"e2e\":\"dead-letter tool\",\"run\":\"" + run + "\",\"n\":" + n + "}";
        return new ProducerRecord<>(DEAD_LETTERS, 0, bytes(keyPrefix + n), bytes(value), headers);
    }

    /** This run's records on the source topic since the mark, read up to its end as it is now. */
    private List<ConsumerRecord<byte[], byte[]>> replayedRecords(Map<TopicPartition, Long> mark) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(mark.keySet());
            mark.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(mark.keySet(), Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertTrue(System.nanoTime() < deadline, "could not read " + SOURCE + " up to " + end);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && new String(record.key(), StandardCharsets.UTF_8).startsWith(keyPrefix)
                            && record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        records.sort((a, b) -> new String(a.key(), StandardCharsets.UTF_8)
                .compareTo(new String(b.key(), StandardCharsets.UTF_8)));
        return records;
    }

    private long endOffset(TopicPartition partition) {
        Long end = endOffsets(partition.topic()).get(partition);
        assertNotNull(end, partition + " does not exist: " + RealParts.HINT);
        return end;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Admin admin() {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        return Admin.create(config);
    }

    private static List<String> names(List<Header> headers) {
        return headers.stream().map(Header::key).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
