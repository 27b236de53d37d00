import io.sspr.events.KafkaSecurity;
import io.sspr.events.Topics;
import io.sspr.events.messaging.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topics of io.sspr.events.Topics (every {@code <topic>.dlq}): lists them with their records, how many
 * are not replayed yet and the count per reason, and replays one back to its source topic (run as a single-file program
 * by {@code deploy/local/stack dlq}, with the broker's jars and the events jar on the class path).
 *
 * <pre>
 *   DeadLetters BOOTSTRAP                  list every dead-letter topic
 *   DeadLetters BOOTSTRAP replay TOPIC     send the records of TOPIC.dlq not replayed yet back to TOPIC
 * </pre>
 *
 * <p>A replay sends each record with its key, its value and its original headers (without the {@code dead-letter-*}
 * ones) and commits the dead-letter topic's offset in the consumer group {@code sspr-dlq-replay} (or
 * {@code $SSPR_DLQ_REPLAY_GROUP}) as soon as Kafka has acknowledged that record, so a replay that stops half-way goes on
 * where it stopped and a record is not sent twice by a second replay. Records that arrive while it runs wait for the
 * next replay (a replayed record that is dead-lettered again is not sent round in a loop). Two replays must not run at
 * once: the stack script holds a lock around it. Exit code 0 on success, 1 when Kafka fails, 2 on a wrong argument.
 */
public class DeadLetters {
    static final String DEFAULT_GROUP = "sspr-dlq-replay";
    static final Duration API_TIMEOUT = Duration.ofSeconds(20);
    static final String NO_REASON = "(no reason)";

    public static void main(String[] args) {
        if (args.length < 1) {
            usage("missing the bootstrap servers");
        }
        String bootstrap = args[0];
        String group = System.getenv().getOrDefault("SSPR_DLQ_REPLAY_GROUP", DEFAULT_GROUP);
        try {
            if (args.length == 1 || args.length == 2 && args[1].equals("list")) {
                list(bootstrap, group);
            } else if (args.length == 3 && args[1].equals("replay")) {
                replay(bootstrap, group, args[2]);
            } else {
                usage("unknown arguments: " + String.join(" ", List.of(args).subList(1, args.length)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (Exception e) {
            Throwable cause = e;
            while ((cause instanceof ExecutionException || cause.getClass() == KafkaException.class)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                fail("Kafka at " + bootstrap + " did not answer in time: is it running? "
                        + "deploy/local/stack status; deploy/local/stack start kafka");
            }
            fail("Kafka failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** The dead-letter topics of Topics, in its order. */
    static List<String> deadLetterTopics() {
        return Topics.allWithDeadLetters().stream().map(Topics.TopicSpec::name)
                .filter(name -> name.endsWith(Topics.DEAD_LETTER_SUFFIX)).toList();
    }

    // ------------------------------------------------------------------------------------------------ list

    static void list(String bootstrap, String group) throws Exception {
        List<String> topics = deadLetterTopics();
        Set<String> existing;
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = admin(bootstrap)) {
            existing = admin.listTopics().names().get(API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        System.out.printf("%-32s %8s %13s  %s%n", "dead-letter topic", "records", "not replayed", "reasons");
        List<String> missing = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, null)) {
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(topic);
                    System.out.printf("%-32s %8s %13s  %s%n", topic, "-", "-", "(topic missing)");
                    continue;
                }
                Counts counts = count(consumer, topic, committed);
                System.out.println(String.format("%-32s %8d %13d  %s", topic, counts.records, counts.notReplayed,
                        counts.reasons()).stripTrailing());
            }
        }
        System.out.println("replayed: as far as consumer group " + group
                + " got; send a topic's records back with: deploy/local/stack dlq replay TOPIC");
        if (!missing.isEmpty()) {
            System.out.println("missing topics are created by: deploy/local/stack parts");
        }
    }

    static final class Counts {
        long records;
        long notReplayed;
        final Map<String, Long> byReason = new TreeMap<>();

        String reasons() {
            List<String> parts = new ArrayList<>();
            byReason.forEach((reason, n) -> parts.add(reason + " " + n));
            return String.join(", ", parts);
        }
    }

    /** Reads the whole topic, as it is now: records, those past the group's committed offsets, and per reason. */
    static Counts count(KafkaConsumer<byte[], byte[]> consumer, String topic,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Counts counts = new Counts();
        Map<TopicPartition, Long> end = readUpTo(consumer, topic, null);
        Map<TopicPartition, Long> replayedUpTo = new HashMap<>();
        end.keySet().forEach(tp -> {
            OffsetAndMetadata offset = committed.get(tp);
            replayedUpTo.put(tp, offset == null ? 0L : offset.offset());
        });
        drain(consumer, end, record -> {
            counts.records++;
            if (record.offset() >= replayedUpTo.get(new TopicPartition(record.topic(), record.partition()))) {
                counts.notReplayed++;
            }
            counts.byReason.merge(header(record, DeadLetterHeaders.REASON), 1L, Long::sum);
        });
        return counts;
    }

    /**
     * Assigns every partition of the topic to the consumer and positions it at {@code from} (where given, else at the
     * beginning); returns the end offsets as they are now, which {@link #drain} reads up to.
     */
    static Map<TopicPartition, Long> readUpTo(KafkaConsumer<byte[], byte[]> consumer, String topic,
            Map<TopicPartition, Long> from) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, API_TIMEOUT);
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, API_TIMEOUT);
        for (TopicPartition tp : partitions) {
            long start = from == null ? beginning.get(tp) : Math.max(from.get(tp), beginning.get(tp));
            consumer.seek(tp, start);
        }
        return consumer.endOffsets(partitions, API_TIMEOUT);
    }

    interface RecordAction {
        void accept(ConsumerRecord<byte[], byte[]> record) throws Exception;
    }

    /** Hands every record before {@code end} to the action, in offset order per partition. */
    static void drain(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, RecordAction action) {
        long deadline = System.nanoTime() + API_TIMEOUT.toNanos();
        Set<TopicPartition> done = new HashSet<>();
        while (true) {
            for (TopicPartition tp : end.keySet()) {
                if (consumer.position(tp, API_TIMEOUT) >= end.get(tp)) {
                    done.add(tp);
                }
            }
            if (done.size() == end.size()) {
                return;
            }
            consumer.pause(done);
            var records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                deadline = System.nanoTime() + API_TIMEOUT.toNanos();
            } else if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException(
                        "no records while reading up to the end offsets " + end);
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(tp)) {
                    try {
                        action.accept(record);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new KafkaException(e);
                    }
                }
            }
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? NO_REASON
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ replay

    static void replay(String bootstrap, String group, String argument) throws Exception {
        String source = argument.endsWith(Topics.DEAD_LETTER_SUFFIX)
                ? argument.substring(0, argument.length() - Topics.DEAD_LETTER_SUFFIX.length())
                : argument;
        String deadLetter = Topics.deadLetter(source);
        if (!deadLetterTopics().contains(deadLetter)) {
            usage("unknown topic " + argument + ": one of " + String.join(", ", Topics.ALL.stream()
                    .map(Topics.TopicSpec::name).toList()) + " (or the same with " + Topics.DEAD_LETTER_SUFFIX + ")");
        }
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (String topic : List.of(source, deadLetter)) {
                if (!existing.contains(topic)) {
                    fail("topic " + topic + " does not exist on " + bootstrap + ": deploy/local/stack parts creates it");
                }
            }
        }
        long[] sent = {0};
        long[] first = {-1};
        long[] last = {-1};
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group);
                KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetter, API_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions),
                    API_TIMEOUT);
            Map<TopicPartition, Long> from = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                from.put(tp, offset == null ? 0L : offset.offset());
            }
            Map<TopicPartition, Long> end = readUpTo(consumer, deadLetter, from);
            try {
                drain(consumer, end, record -> {
                    RecordHeaders headers = new RecordHeaders();
                    for (Header header : record.headers()) {
                        if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                            headers.add(header.key(), header.value());
                        }
                    }
                    RecordMetadata metadata = producer.send(new ProducerRecord<>(source, null, record.key(),
                            record.value(), headers)).get(API_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
                    // Kafka has the record: from now on this dead letter counts as replayed.
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1,
                                    "replayed to " + metadata.topic() + "-" + metadata.partition() + "@"
                                            + metadata.offset())),
                            API_TIMEOUT);
                    sent[0]++;
                    if (first[0] < 0) {
                        first[0] = record.offset();
                    }
                    last[0] = record.offset();
                });
            } catch (RuntimeException e) {
                System.out.println(deadLetter + " -> " + source + ": sent " + sent[0] + " records before a failure;"
                        + " a new replay goes on after the last one recorded as replayed (if the failure came"
                        + " between a send and its record, that one record is sent again)");
                throw e;
            }
        }
        if (sent[0] == 0) {
            System.out.println(deadLetter + " -> " + source + ": sent 0 records (none waiting; consumer group "
                    + group + ")");
        } else {
            System.out.println(deadLetter + " -> " + source + ": sent " + sent[0] + " records (dead-letter offsets "
                    + first[0] + "-" + last[0] + "; consumer group " + group + ")");
        }
    }

    // ------------------------------------------------------------------------------------------------ clients

    static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putAll(KafkaSecurity.adminFromEnvironment());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis() / 2);
        return Admin.create(props);
    }

    /** Without a group it only reads; with one it commits what was replayed (never automatically). */
    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putAll(KafkaSecurity.adminFromEnvironment());
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis() / 2);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putAll(KafkaSecurity.adminFromEnvironment());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis() / 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis() * 2);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void usage(String problem) {
        System.err.println("dlq: " + problem);
        System.err.println("usage: deploy/local/stack dlq                 list the dead-letter topics");
        System.err.println("       deploy/local/stack dlq replay TOPIC   send TOPIC.dlq's records back to TOPIC");
        System.exit(2);
    }

    static void fail(String problem) {
        System.err.println("dlq: " + problem);
        System.exit(1);
    }
}
