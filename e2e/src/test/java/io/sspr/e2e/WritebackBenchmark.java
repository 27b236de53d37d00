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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * mvn -q -pl e2e -Pbench test-compile exec:java} (-Dbench.operations=N, default 300; -Dbench.warmup=N, 600;
 * -Dbench.sync=false without the directory sync; -Dbench.pool=N LDAP connections).
 */
public final class WritebackBenchmark {
    /** Enough accounts that their keys fall into every partition of sspr.password.validated. */
    private static final int USERS = 24;

    private WritebackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int operations = Integer.getInteger("bench.operations", 300);
        // A service runs warm: the worker's first requests pay for class loading and JIT, so both sides warm up.
        int warmUp = Integer.getInteger("bench.warmup", 600);
        RealParts parts = RealParts.fromEnvironment();
        TestDirectory directory = new TestDirectory(parts);
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(directory.createUser(TestDirectory.randomPassword()));
        }
        try {
            rawResets(directory, users, warmUp);
            Figures rawBefore = rawResets(directory, users, operations);
            Figures sequential;
            Figures worker;
            try (WorkerFeed feed = new WorkerFeed(parts);
                    ServiceProcesses process = ServiceProcesses.startOnly(parts, "bench", WorkerFeed.WORKER,
                            workerSettings(feed));
                    ResultWatch results = new ResultWatch(parts)) {
                workerResets(feed, results, parts, users, warmUp, 4);
                sequential = workerResets(feed, results, parts, users, Math.max(operations / 4, 20), 1);
                worker = workerResets(feed, results, parts, users, operations, operations);
            }
            Figures rawAfter = rawResets(directory, users, operations);
            double rawRate = (rawBefore.rate() + rawAfter.rate()) / 2;
            double rawP50 = (rawBefore.p50() + rawAfter.p50()) / 2;

            System.out.printf("writeback benchmark: %d admin resets per phase, %d users, Samba DC %s%n", operations,
                    USERS, parts.ldapUrl());
            System.out.printf("%-44s %9s %9s %9s %10s %10s%n", "", "resets/s", "p50 ms", "p99 ms", "DC cpu ms",
                    "other cpu");
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

    /** The directory sync can be switched off (-Dbench.sync=false) to see what it costs the DC. */
    private static Map<String, String> workerSettings(WorkerFeed feed) {
        Map<String, String> settings = new java.util.HashMap<>(feed.workerSettings(false));
        settings.put("sspr.worker.sync.enabled", System.getProperty("bench.sync", "true"));
        if (System.getProperty("bench.pool") != null) {
            settings.put("sspr.ldap.pool-size", System.getProperty("bench.pool"));
        }
        return settings;
    }

    /**
     * @param dcCpuMillis CPU time the Samba processes spent per reset in this phase (what the DC itself did)
     * @param otherCpuMillis CPU time everything else on the machine spent per reset (worker, Kafka, PostgreSQL,
     *        this benchmark): on a small machine it competes with the DC for the cores
     */
    record Figures(double rate, double p50, double p99, double dcCpuMillis, double otherCpuMillis) {
        static Figures of(long[] latencyNanos, long totalNanos, long[] cpuTicksAtStart) throws java.io.IOException {
            long[] cpu = cpuTicks();
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            long dc = cpu[0] - cpuTicksAtStart[0];
            long all = cpu[1] - cpuTicksAtStart[1];
            return new Figures(sorted.length / (totalNanos / 1e9), millis(sorted, 0.50), millis(sorted, 0.99),
                    dc * 10.0 / sorted.length, (all - dc) * 10.0 / sorted.length);
        }

        private static double millis(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    private static void print(String name, Figures figures) {
        System.out.printf("%-44s %9.1f %9.1f %9.1f %10.1f %10.1f%n", name, figures.rate(), figures.p50(),
                figures.p99(), figures.dcCpuMillis(), figures.otherCpuMillis());
    }

    /** CPU ticks (1/100 s) used so far: by the DC's processes, and by the whole machine (/proc/stat). */
    static long[] cpuTicks() throws java.io.IOException {
        String[] total = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim()
                .split("\\s+");
        long all = Long.parseLong(total[1]) + Long.parseLong(total[2]) + Long.parseLong(total[3]);
        return new long[] {dcCpuTicks(), all};
    }

    private static long dcCpuTicks() throws java.io.IOException {
        long ticks = 0;
        try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String stat = java.nio.file.Files.readString(process.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("samba") || name.startsWith("ldap")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        }
        return ticks;
    }

    private static Figures rawResets(TestDirectory directory, List<TestUser> users, int count) throws Exception {
        long[] latencies = new long[count];
        try (LDAPConnection admin = directory.connectAsAdmin()) {
            long[] cpu = cpuTicks();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                byte[] value = ('"' + TestDirectory.randomPassword() + '"').getBytes(StandardCharsets.UTF_16LE);
                long begun = System.nanoTime();
                admin.modify(users.get(i % users.size()).dn(),
                        new Modification(ModificationType.REPLACE, "unicodePwd", value));
                latencies[i] = System.nanoTime() - begun;
            }
            return Figures.of(latencies, System.nanoTime() - start, cpu);
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
        long[] cpu = cpuTicks();
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
        return Figures.of(latencies, total, cpu);
    }

    /** Reads sspr.password.results from its end in the background and notes when each answer arrived. */
    private static final class ResultWatch implements AutoCloseable {
        private final Map<UUID, CompletableFuture<Long>> answers = new ConcurrentHashMap<>();
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
                            answer(result.correlationId()).complete(System.nanoTime());
                        }
                    }
                }
            }, "result-watch");
            thread.start();
        }

        /** The first answer counts; a waiter and the reading thread meet on the same future. */
        private CompletableFuture<Long> answer(UUID correlationId) {
            return answers.computeIfAbsent(correlationId, id -> new CompletableFuture<>());
        }

        void awaitAnswer(UUID correlationId) throws Exception {
            try {
                answer(correlationId).get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no result for " + correlationId + " within 120 s");
            }
        }

        long answeredAt(UUID correlationId) {
            return answer(correlationId).join();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
