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
import io.sspr.events.testing.KafkaTestClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Password resets against the same Samba DC, in one run: a plain UnboundID loop (a modify after another on each of
 * as many connections as the worker writes on: the directory's own speed) and the worker applying signed
 * {@code validated} events from Kafka (find by objectGUID, ledger in PostgreSQL, modify, result acknowledged by
 * Kafka). The worker is warmed up until its JIT is quiet, then raw and worker phases alternate; prints rates,
 * p50/p99, CPU per reset and the ratios. Added latency compares one request at a time with the loop on one
 * connection.
 *
 * <p>{@code eval "$(deploy/local/stack env)"; mvn -q -B package -DskipTests;
 * mvn -q -pl e2e -Pbench test-compile exec:java}, with -Dbench.operations=N resets a phase (300),
 * -Dbench.warmup=N raw resets before anything (600), -Dbench.warmup-limit=N worker requests at most to warm it up
 * (15000), -Dbench.rounds=N worker phases (5), -Dbench.sync=false without the directory sync, -Dbench.pool=N and
 * -Dbench.writes=N LDAP connections for finds and for writes (6, 2; the raw loop uses as many as the worker writes on).
 */
public final class WritebackBenchmark {
    /** Enough accounts that their keys fall into every partition of sspr.password.validated. */
    private static final int USERS = 24;

    /** The worker's process while it runs, so its CPU is told apart from the rest of the machine's. */
    private static volatile long workerPid = -1;

    private WritebackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int operations = Integer.getInteger("bench.operations", 300);
        // A service runs warm: the worker's first requests pay for class loading and JIT, so both sides warm up.
        int warmUp = Integer.getInteger("bench.warmup", 600);
        int warmUpLimit = Integer.getInteger("bench.warmup-limit", 15_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        // The raw loop writes over as many connections as the worker has for writes: the same concurrency at the DC
        int writes = Integer.getInteger("bench.writes", 2);
        RunningStack parts = RunningStack.fromEnvironment();
        TestDirectory directory = new TestDirectory(parts);
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(directory.createUser(TestDirectory.randomPassword()));
        }
        try {
            rawResets(directory, users, warmUp, writes);
            List<Figures> raw = new ArrayList<>();
            List<Figures> worker = new ArrayList<>();
            Figures sequential;
            Figures rawSequential;
            String warm;
            try (WorkerFeed feed = new WorkerFeed(parts);
                    ServiceProcesses process = ServiceProcesses.startOnly(parts, "bench", WorkerFeed.WORKER,
                            workerSettings(feed, writes));
                    ResultWatch results = new ResultWatch(parts)) {
                Process workerProcess = process.process(WorkerFeed.WORKER);
                workerPid = workerProcess.pid();
                warm = warmUp(feed, results, parts, users, operations, warmUpLimit);
                int oneAtATime = Math.max(operations / 4, 20);
                rawSequential = whileFrozen(workerProcess, () -> rawResets(directory, users, oneAtATime, 1));
                sequential = workerResets(feed, results, parts, users, oneAtATime, 1);
                // The DC's own speed drifts during a run (its CPU per reset moves by several percent), so raw and
                // worker phases alternate and each worker phase is compared with the raw phases either side. The
                // worker is frozen while the raw loop runs, so its directory sync and heartbeat take nothing from it.
                for (int round = 0; round <= rounds; round++) {
                    raw.add(whileFrozen(workerProcess, () -> rawResets(directory, users, operations, writes)));
                    if (round < rounds) {
                        worker.add(workerResets(feed, results, parts, users, operations, operations));
                    }
                }
            }
            System.out.println(warm);
            report(parts, operations, writes, raw, worker, rawSequential, sequential);
        } finally {
            for (TestUser user : users) {
                directory.deleteUser(user);
            }
        }
    }

    /**
     * Requests in batches until the worker's JIT compilers have gone quiet (under 2.5 % of a core over a batch):
     * a running worker is measured, not one still compiling Kafka, TLS and JSON code. On a 2-core machine shared
     * with the DC, C2 compiling still takes two thirds of the worker's CPU after 2,000 requests.
     */
    private static String warmUp(WorkerFeed feed, ResultWatch results, RunningStack parts, List<TestUser> users,
            int operations, int limit) throws Exception {
        int batch = Math.max(operations, 300) * 2;
        int sent = 0;
        double compilerShare;
        do {
            Map<String, Long> before = compilerTicks(workerPid);
            long start = System.nanoTime();
            workerResets(feed, results, parts, users, batch, operations);
            sent += batch;
            long ticks = 0;
            for (Map.Entry<String, Long> thread : compilerTicks(workerPid).entrySet()) {
                ticks += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            }
            compilerShare = ticks * 10.0 / ((System.nanoTime() - start) / 1e6);
        } while (compilerShare > 0.025 && sent < limit);
        return String.format("worker warmed up with %d requests: its JIT compilers used %.1f %% of a core over the "
                + "last %d%s", sent, compilerShare * 100, batch, compilerShare > 0.025 ? " (limit reached)" : "");
    }

    /** CPU ticks of the worker's JIT compiler threads, by thread id (the JVM starts and ends them as it needs). */
    private static Map<String, Long> compilerTicks(long pid) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    ProcStat stat = ProcStat.of(thread);
                    if (stat.name().startsWith("C1 CompilerThre") || stat.name().startsWith("C2 CompilerThre")) {
                        ticks.put(thread.getFileName().toString(), stat.ticks());
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        return ticks;
    }

    private static void report(RunningStack parts, int operations, int writes, List<Figures> raw,
            List<Figures> worker, Figures rawSequential, Figures sequential) {
        System.out.printf("writeback benchmark: %d admin resets per phase, %d users, Samba DC %s%n", operations,
                USERS, parts.ldapUrl());
        System.out.printf("%-44s %9s %9s %9s %10s %10s %10s %10s%n", "", "resets/s", "p50 ms", "p99 ms",
                "DC cpu ms", "DC wait ms", "worker cpu", "other cpu");
        print("raw UnboundID loop, one connection", rawSequential);
        print("worker, one request at a time", sequential);
        String rawName = "raw UnboundID loop, " + writes + (writes == 1 ? " connection" : " connections");
        double[] ratios = new double[worker.size()];
        for (int round = 0; round < worker.size(); round++) {
            print(rawName, raw.get(round));
            print("worker, " + operations + " requests queued at once", worker.get(round));
            ratios[round] = worker.get(round).rate() / ((raw.get(round).rate() + raw.get(round + 1).rate()) / 2);
        }
        print(rawName, raw.get(raw.size() - 1));
        System.out.printf("rate ratio worker/raw per round (worker phase / mean of the raw phases either side): %s%n",
                Arrays.toString(Arrays.stream(ratios).mapToObj(r -> String.format("%.2f", r)).toArray()));
        System.out.printf("rate ratio worker/raw, median of the rounds: %.2f (aim >= 0.95)%n", median(ratios));
        System.out.printf("added latency at p50, one at a time: %.1f ms over the raw loop's on one connection "
                + "(aim <= 20 ms)%n", sequential.p50() - rawSequential.p50());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Runs {@code phase} with the worker frozen (SIGSTOP, then SIGCONT), well inside its Kafka session timeout. */
    private static Figures whileFrozen(Process worker, Callable<Figures> phase) throws Exception {
        signal(worker, "-STOP");
        try {
            return phase.call();
        } finally {
            signal(worker, "-CONT");
        }
    }

    private static void signal(Process process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** The directory sync can be switched off (-Dbench.sync=false) to see what it costs the DC. */
    private static Map<String, String> workerSettings(WorkerFeed feed, int writes) {
        Map<String, String> settings = new HashMap<>(feed.workerSettings(false));
        settings.put("sspr.worker.sync.enabled", System.getProperty("bench.sync", "true"));
        // Kafka's default session: the worker stays in its group while frozen for a raw phase (the feed's short
        // session is for tests that stop a worker on purpose).
        String channel = "mp.messaging.incoming.\"" + Topics.PASSWORD_VALIDATED + "\".";
        settings.put(channel + "session.timeout.ms", "45000");
        settings.put(channel + "heartbeat.interval.ms", "3000");
        settings.put("sspr.ldap.write-connections", Integer.toString(writes));
        if (System.getProperty("bench.pool") != null) {
            settings.put("sspr.ldap.pool-size", System.getProperty("bench.pool"));
        }
        return settings;
    }

    /**
     * @param dcCpuMillis CPU time the Samba processes spent per reset in this phase (what the DC itself did)
     * @param dcWaitMillis time the DC stood ready to run but waited for a core, per reset
     * @param workerCpuMillis CPU time the worker's process spent per reset
     * @param otherCpuMillis CPU time everything else on the machine spent per reset (Kafka, PostgreSQL, this
     *        benchmark): on a small machine it competes with the DC for the cores, as the worker's does
     */
    record Figures(double rate, double p50, double p99, double dcCpuMillis, double dcWaitMillis,
            double workerCpuMillis, double otherCpuMillis) {
        static Figures of(long[] latencyNanos, long totalNanos, CpuSample atStart) throws IOException {
            CpuSample cpu = CpuSample.now();
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            long dc = cpu.dcTicks() - atStart.dcTicks();
            long all = cpu.machineTicks() - atStart.machineTicks();
            double dcWait = (cpu.dcWaitNanos() - atStart.dcWaitNanos()) / 1e6 / sorted.length;
            long worker = cpu.workerTicks() - atStart.workerTicks();
            return new Figures(sorted.length / (totalNanos / 1e9), millis(sorted, 0.50), millis(sorted, 0.99),
                    dc * 10.0 / sorted.length, dcWait, worker * 10.0 / sorted.length,
                    (all - dc - worker) * 10.0 / sorted.length);
        }

        private static double millis(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    private static void print(String name, Figures figures) {
        System.out.printf("%-44s %9.1f %9.1f %9.1f %10.1f %10.1f %10.1f %10.1f%n", name, figures.rate(),
                figures.p50(), figures.p99(), figures.dcCpuMillis(), figures.dcWaitMillis(),
                figures.workerCpuMillis(), figures.otherCpuMillis());
    }

    /**
     * CPU used so far, in ticks (1/100 s): by the DC's processes, by the whole machine (/proc/stat) and by the worker;
     * and the nanoseconds the DC's threads stood ready to run but waited for a core.
     */
    record CpuSample(long dcTicks, long machineTicks, long dcWaitNanos, long workerTicks) {
        static CpuSample now() throws IOException {
            String[] total = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long machine = Long.parseLong(total[1]) + Long.parseLong(total[2]) + Long.parseLong(total[3]);
            long[] dc = dcCpuTicksAndWaitNanos();
            long worker = workerPid < 0 ? 0 : ProcStat.of(Path.of("/proc", Long.toString(workerPid))).ticks();
            return new CpuSample(dc[0], machine, dc[1], worker);
        }
    }

    /** The DC's CPU ticks, and the nanoseconds its threads stood ready to run but waited for a core (schedstat). */
    private static long[] dcCpuTicksAndWaitNanos() throws IOException {
        long ticks = 0;
        long waitNanos = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    ProcStat stat = ProcStat.of(process);
                    if (stat.name().startsWith("samba") || stat.name().startsWith("ldap")) {
                        ticks += stat.ticks();
                        try (var threads = Files.list(process.resolve("task"))) {
                            for (Path thread : threads.toList()) {
                                waitNanos += Long.parseLong(Files.readString(
                                        thread.resolve("schedstat")).trim().split(" ")[1]);
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        }
        return new long[] {ticks, waitNanos};
    }

    /** A process's or thread's name and CPU ticks (utime + stime; for a process, all its threads), from one read. */
    private record ProcStat(String name, long ticks) {
        static ProcStat of(Path processOrThread) throws IOException {
            String stat = Files.readString(processOrThread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcStat(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
    }

    /** {@code count} resets, one after another on each of {@code connections} connections (a loop per connection). */
    private static Figures rawResets(TestDirectory directory, List<TestUser> users, int count, int connections)
            throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        List<LDAPConnection> admins = new ArrayList<>();
        ExecutorService loops = Executors.newFixedThreadPool(connections);
        try {
            for (int c = 0; c < connections; c++) {
                admins.add(directory.connectAsAdmin());
            }
            CpuSample cpu = CpuSample.now();
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (LDAPConnection admin : admins) {
                running.add(loops.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        byte[] value = ('"' + TestDirectory.randomPassword() + '"')
                                .getBytes(StandardCharsets.UTF_16LE);
                        long begun = System.nanoTime();
                        admin.modify(users.get(i % users.size()).dn(),
                                new Modification(ModificationType.REPLACE, "unicodePwd", value));
                        latencies[i] = System.nanoTime() - begun;
                    }
                    return null;
                }));
            }
            for (Future<?> loop : running) {
                loop.get();
            }
            return Figures.of(latencies, System.nanoTime() - start, cpu);
        } finally {
            loops.shutdownNow();
            admins.forEach(LDAPConnection::close);
        }
    }

    /** Sends {@code count} events, at most {@code inFlight} unanswered at a time; latency is send to result. */
    private static Figures workerResets(WorkerFeed feed, ResultWatch results, RunningStack parts, List<TestUser> users,
            int count, int inFlight) throws Exception {
        List<PasswordValidated> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(feed.adminReset(users.get(i % users.size()), TestDirectory.randomPassword()));
        }
        Map<UUID, Long> sent = new ConcurrentHashMap<>();
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        CpuSample cpu = CpuSample.now();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                if (i >= inFlight) {
                    results.awaitAnswer(events.get(i - inFlight).correlationId());
                }
                PasswordValidated event = events.get(i);
                sent.put(event.correlationId(), System.nanoTime());
                // linger.ms=0 sends each at once; no flush per record, so queued requests share produce requests as
                // a busy validator's would
                producer.send(feed.signed(event));
            }
            producer.flush();
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

        ResultWatch(RunningStack parts) {
            Properties config = new Properties();
            config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
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
