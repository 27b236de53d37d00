package io.sspr.e2e;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Password resets against the same Samba DC, in one run: a plain UnboundID loop (one connection, one modify after
 * another: the directory's own speed) and the worker applying signed {@code validated} events from Kafka (find by
 * name, ledger in PostgreSQL, modify, result acknowledged by Kafka). Prints rates, p50/p99 and the ratios.
 *
 * <p>{@code eval "$(deploy/local/stack env)"; mvn -q -B package -DskipTests;
 * mvn -q -pl e2e -Pbench test-compile exec:java} (-Dbench.operations=N, default 200).
 */
public final class WritebackBenchmark {
    private static final int USERS = 8;

    private WritebackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int operations = Integer.getInteger("bench.operations", 200);
        RealParts parts = RealParts.fromEnvironment();
        TestDirectory directory = new TestDirectory(parts);
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(directory.createUser(TestDirectory.randomPassword()));
        }
        try {
            rawResets(directory, users, 20); // warm-up
            Figures rawBefore = rawResets(directory, users, operations);
            Figures sequential;
            Figures worker;
            try (WorkerFeed feed = new WorkerFeed(parts);
                    ServiceProcesses process = ServiceProcesses.startOnly(parts, "bench", WorkerFeed.WORKER,
                            feed.workerSettings(false));
                    ResultWatch results = new ResultWatch(parts)) {
                workerResets(feed, results, parts, users, 20, 1); // warm-up: connections, JIT
                sequential = workerResets(feed, results, parts, users, Math.max(operations / 4, 20), 1);
                worker = workerResets(feed, results, parts, users, operations, operations);
            }
            Figures rawAfter = rawResets(directory, users, operations);
            double rawRate = (rawBefore.rate() + rawAfter.rate()) / 2;
            double rawP50 = (rawBefore.p50() + rawAfter.p50()) / 2;

            System.out.printf("writeback benchmark: %d admin resets per phase, %d users, Samba DC %s%n", operations,
                    USERS, parts.ldapUrl());
            System.out.printf("%-44s %9s %9s %9s%n", "", "resets/s", "p50 ms", "p99 ms");
            print("raw UnboundID loop (before)", rawBefore);
            print("raw UnboundID loop (after)", rawAfter);
            print("worker, one request at a time", sequential);
            print("worker, " + operations + " requests queued at once", worker);
            System.out.printf("rate ratio worker/raw: %.2f (aim >= 0.95)%n", worker.rate() / rawRate);
            System.out.printf("added latency at p50, one at a time: %.1f ms (aim <= 20 ms)%n",
                    sequential.p50() - rawP50);
        } finally {
            for (TestUser user : users) {
                directory.deleteUser(user);
            }
        }
    }

    record Figures(double rate, double p50, double p99) {
        static Figures of(long[] latencyNanos, long totalNanos) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            return new Figures(sorted.length / (totalNanos / 1e9), millis(sorted, 0.50), millis(sorted, 0.99));
        }

        private static double millis(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    private static void print(String name, Figures figures) {
        System.out.printf("%-44s %9.1f %9.1f %9.1f%n", name, figures.rate(), figures.p50(), figures.p99());
    }

    private static Figures rawResets(TestDirectory directory, List<TestUser> users, int count) throws Exception {
        long[] latencies = new long[count];
        try (LDAPConnection admin = directory.connectAsAdmin()) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                byte[] value = ('"' + TestDirectory.randomPassword() + '"').getBytes(StandardCharsets.UTF_16LE);
                long begun = System.nanoTime();
                admin.modify(users.get(i % users.size()).dn(),
                        new Modification(ModificationType.REPLACE, "unicodePwd", value));
                latencies[i] = System.nanoTime() - begun;
            }
            return Figures.of(latencies, System.nanoTime() - start);
        }
    }

    /** Sends {@code count} events, at most {@code inFlight} unanswered at a time; latency is send to result. */
    private static Figures workerResets(WorkerFeed feed, ResultWatch results, RealParts parts, List<TestUser> users,
            int count, int inFlight) throws Exception {
        List<PasswordValidated> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(feed.signedAdminReset(users.get(i % users.size()), TestDirectory.randomPassword()));
        }
        Map<UUID, Long> sent = new ConcurrentHashMap<>();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, parts.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                if (i >= inFlight) {
                    results.awaitAnswer(events.get(i - inFlight).correlationId());
                }
                PasswordValidated event = events.get(i);
                sent.put(event.correlationId(), System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.PASSWORD_VALIDATED, event.userKey(), EventJson.write(event)));
                producer.flush();
            }
            for (PasswordValidated event : events) {
                results.awaitAnswer(event.correlationId());
            }
        }
        long total = System.nanoTime() - start;
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            UUID id = events.get(i).correlationId();
            latencies[i] = results.answeredAt(id) - sent.get(id);
        }
        return Figures.of(latencies, total);
    }

    /** Reads sspr.password.results from its end in the background and notes when each answer arrived. */
    private static final class ResultWatch implements AutoCloseable {
        private final Map<UUID, Long> answeredAt = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        ResultWatch(RealParts parts) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, parts.kafkaBootstrapServers());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PASSWORD_RESULTS, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before anything is sent
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                            PasswordResult result = EventJson.read(record.value(), PasswordResult.class);
                            if (result.status() != RequestStatus.SUCCEEDED) {
                                System.err.println("a reset did not succeed: " + result.code());
                            }
                            answeredAt.putIfAbsent(result.correlationId(), System.nanoTime());
                        }
                    }
                }
            }, "result-watch");
            thread.start();
        }

        void awaitAnswer(UUID correlationId) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!answeredAt.containsKey(correlationId)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no result for " + correlationId + " within 120 s");
                }
                Thread.sleep(1);
            }
        }

        long answeredAt(UUID correlationId) {
            return answeredAt.get(correlationId);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
