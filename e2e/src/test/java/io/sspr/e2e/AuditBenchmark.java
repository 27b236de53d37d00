package io.sspr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sspr.events.testing.RealParts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The audit service's figures, each against its aim: the ingest rate of signed audit events from Kafka into
 * PostgreSQL (each verified, mapped, stored once through the hash chain's trigger), and p50/p99 of an auditor's reads
 * over at least a million stored records: a filtered first page, a page far behind a cursor, and a one-day CSV export.
 *
 * <p>It runs the packaged audit service ({@code audit-service/target/quarkus-app}) as a process of its own, apart
 * from the stack's services, which it neither uses nor disturbs: its own database {@value AuditBenchDatabase#NAME}
 * (created, migrated by the service's own migration step, seeded through the chain trigger, dropped at the end), its
 * own Kafka topics, principal and consumer group ({@link AuditBenchKafka}), its own HTTP port. What it needs of the
 * stack is only the parts (Kafka, PostgreSQL) and the keys: {@code deploy/local/stack parts; eval "$(deploy/local/stack
 * env)"; mvn -B -o -q package -DskipTests -pl audit-service; mvn -q -pl e2e -Pbench test-compile exec:java
 * -Dbench.main=io.sspr.e2e.AuditBenchmark}.
 *
 * <p>Settings: -Dbench.records=N seeded records (1,000,000), -Dbench.users=N target users (10,000),
 * -Dbench.events=N measured events (100,000) after -Dbench.warmup-events=N (20,000), -Dbench.requests=N timed pages of
 * each kind (200), -Dbench.exports=N timed one-day exports (100), -Dbench.deep=N records behind the deepest cursor
 * (500,000), -Dbench.verify=true to walk the chain with {@code /api/v1/audit/verify} afterwards (not a figure: it
 * proves the seed chain-valid), -Dbench.keep-database=true to keep the database for EXPLAIN.
 */
public final class AuditBenchmark {
    private static final String SERVICE = "audit-service";
    private static final String EVENTS = "/api/v1/audit/events";
    private static final int PAGE_LIMIT = 100;
    private static final int WALK_LIMIT = 1000;
    private static final Pattern CURSOR = Pattern.compile("[?&]cursor=([^&]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("bench.records", 1_000_000);
        int users = Integer.getInteger("bench.users", 10_000);
        int events = Integer.getInteger("bench.events", 100_000);
        int warmUpEvents = Integer.getInteger("bench.warmup-events", 20_000);
        int requests = Integer.getInteger("bench.requests", 200);
        int exports = Integer.getInteger("bench.exports", 100);
        int deep = Integer.getInteger("bench.deep", 500_000);
        boolean verify = Boolean.getBoolean("bench.verify");
        boolean keep = Boolean.getBoolean("bench.keep-database");
        if (records < 1_000 || deep > records / 2 || events < 1_000) {
            throw new IllegalArgumentException("bench.records must be at least 1,000 and twice bench.deep, "
                    + "bench.events at least 1,000");
        }

        RunningStack parts = parts();
        Path jar = packagedJar(parts);
        token = auditorToken();
        noteStackServices();
        Stopwatch run = new Stopwatch();
        // Whole days, so that each of the 30 days before today holds its full share of the seed
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        try (AuditBenchDatabase database = AuditBenchDatabase.create(RealParts.env("POSTGRES_JDBC_URL"), keep);
                AuditBenchKafka kafka = AuditBenchKafka.create()) {
            database.migrate(parts, jar);
            Stopwatch seeding = new Stopwatch();
            database.seed(records, today, users, done -> {
                if (done % 100_000 == 0) {
                    System.out.printf("seeded %,d records (%.0f s)%n", done, seeding.seconds());
                }
            });
            long[] chain = database.countAndLastSequence();
            if (chain[0] != records || chain[1] != records) {
                throw new IllegalStateException("the seed left " + chain[0] + " records numbered up to " + chain[1]);
            }
            double seedSeconds = seeding.seconds();
            System.out.printf("seeded %,d records through the chain trigger in %.0f s (%,.0f records/s), database "
                    + "%,d MB%n", records, seedSeconds, records / seedSeconds, database.sizeBytes() >> 20);

            Figures figures = new Figures();
            try (ServiceProcesses service = ServiceProcesses.startOnly(parts, "audit-bench", SERVICE,
                    withOverrides(kafka.serviceSettings()), withDatabase(kafka.serviceEnvironment(), database))) {
                long pid = service.process(SERVICE).pid();
                Random random = new Random(16);
                // A service runs warm: the first events pay for class loading and the JIT
                ingest(database, kafka, kafka.signedAuditEvents(warmUpEvents, users, random, Instant.now()), pid);
                figures.ingest = ingest(database, kafka, kafka.signedAuditEvents(events, users, random,
                        Instant.now()), pid);
                System.out.printf("ingested %,d events: %,.0f events/s%n", events, figures.ingest.rate());

                String url = service.url(SERVICE);
                // The walk to the deep cursors comes first: its 500 requests also warm the service's read path
                List<String> cursors = walk(url, deep, figures);
                figures.firstPage = firstPages(url, users, today, requests, random, figures);
                System.out.println("filtered first pages done");
                figures.deepPage = deepPages(url, cursors, requests);
                System.out.println("deep cursor pages done");
                figures.export = exports(url, today, exports, random);
                System.out.println("one-day exports done");
                if (verify) {
                    verifyChain(url, database);
                }
            }
            report(records, users, events, requests, exports, deep, figures, database);
        }
        System.out.printf("the run took %.0f s%n", run.seconds());
    }

    // ------------------------------------------------------------------------------------------------ the parts

    /**
     * Only what this benchmark uses, each refused with the stack's hint when missing: the repository, Kafka's admin,
     * PostgreSQL's superuser and the audit roles, the stack's keys and its auditor token.
     */
    private static RunningStack parts() {
        RealParts.require("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_ADMIN_USERNAME", "KAFKA_ADMIN_PASSWORD",
                "POSTGRES_JDBC_URL", "POSTGRES_ADMIN_USER", "POSTGRES_AUDIT_USER",
                "POSTGRES_AUDIT_PASSWORD", "POSTGRES_AUDIT_OWNER_USER", "POSTGRES_AUDIT_OWNER_PASSWORD",
                "SSPR_SECRETS_DIR", "AUDITOR_TOKEN", "AUDIT_JWT_PUBLIC_KEY");
        Path root = Path.of(System.getProperty("sspr.repo.root", "..")).toAbsolutePath().normalize();
        return new RunningStack(RealParts.kafkaBootstrapServers(), RealParts.env("POSTGRES_JDBC_URL"),
                RealParts.env("POSTGRES_AUDIT_USER"), null, null, null, null, null, null, null, root);
    }

    /**
     * The stack's services, when they run, share nothing with this benchmark but the machine's cores: their idle work
     * (heartbeats, polls) is in the figures, so the run says so.
     */
    private static void noteStackServices() {
        for (String url : List.of(System.getenv().getOrDefault("AUDIT_URL", "http://localhost:8083"),
                System.getenv().getOrDefault("PORTAL_URL", "http://localhost:8080"),
                System.getenv().getOrDefault("VALIDATOR_URL", "http://localhost:8081"),
                System.getenv().getOrDefault("WORKER_URL", "http://localhost:8082"))) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/live")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                System.out.println("note: a stack service runs at " + url + "; it shares the cores, not the database, "
                        + "topics or port (`deploy/local/stack down` then `parts` for an undisturbed run)");
            } catch (IOException notRunning) {
                // not running: nothing shares the cores but the parts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The jar this run measures, refused when missing or older than the service's sources. */
    private static Path packagedJar(RunningStack parts) throws IOException {
        Path jar = parts.repoRoot().resolve(SERVICE + "/target/quarkus-app/quarkus-run.jar");
        String build = "`mvn -B -o -q package -DskipTests -pl " + SERVICE + "`";
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with " + build);
        }
        // The application's classes are in app/; quarkus-run.jar itself is rewritten only when its manifest changes
        long built;
        try (Stream<Path> app = Files.list(jar.resolveSibling("app"))) {
            built = app.mapToLong(file -> file.toFile().lastModified()).max().orElse(0);
        }
        try (Stream<Path> sources = Files.walk(parts.repoRoot().resolve(SERVICE + "/src/main"))) {
            Path newer = sources.filter(Files::isRegularFile).filter(source -> {
                try {
                    return Files.getLastModifiedTime(source).toMillis() > built;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElse(null);
            if (newer != null) {
                throw new IllegalStateException(newer + " is newer than " + jar
                        + ": this run would measure an older service; rebuild it with " + build);
            }
        }
        return jar;
    }

    /** -Dbench.service.KEY=VALUE sets the service's KEY, to try a setting without rebuilding it. */
    private static Map<String, String> withOverrides(Map<String, String> settings) {
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.service."))
                .forEach(name -> all.put(name.substring("bench.service.".length()), System.getProperty(name)));
        return all;
    }

    private static Map<String, String> withDatabase(Map<String, String> environment, AuditBenchDatabase database) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("POSTGRES_JDBC_URL", database.jdbcUrl());
        return all;
    }

    // ------------------------------------------------------------------------------------------------ ingest

    /**
     * Sends the signed events at once and waits until the service has stored them all. The rate is that of the
     * backlog's drain once the benchmark has sent everything: the records stored after the broker acknowledged the last
     * event, over the time from then to the last record's {@code recorded_at} (PostgreSQL's clock, stamped by the
     * trigger), so the benchmark's own sending is not in it. The CPU each process spent over the whole ingest, per
     * 1,000 events.
     */
    private static Ingest ingest(AuditBenchDatabase database, AuditBenchKafka kafka,
            List<ProducerRecord<String, String>> signed, long servicePid) throws Exception {
        long before = database.lastSequence();
        Cpu atStart = Cpu.now(servicePid);
        Stopwatch sending = new Stopwatch();
        Stopwatch window = sending;
        kafka.send(signed);
        double sendSeconds = sending.seconds();
        Instant sent = database.now();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long stored = 0;
        long lastProgress = System.nanoTime();
        while (stored < signed.size()) {
            Thread.sleep(200);
            long now = database.lastSequence() - before;
            if (now != stored) {
                stored = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(60)) {
                Path dump = stallReport(database, servicePid);
                throw new IllegalStateException("the service stored no event for 60 s (" + stored + " of "
                        + signed.size() + "): see e2e/target/service-logs/audit-bench-audit-service.log and " + dump);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service stored " + stored + " of " + signed.size()
                        + " events in 5 minutes");
            }
        }
        Cpu atEnd = Cpu.now(servicePid);
        double windowSeconds = window.seconds();
        AuditBenchDatabase.Stored all = database.storedAfter(before, sent);
        if (all.count() != signed.size()) {
            throw new IllegalStateException(all.count() + " records for " + signed.size() + " events");
        }
        return new Ingest(signed.size(), sendSeconds, seconds(all.first(), all.last()), all.since(),
                seconds(sent, all.last()), atEnd.minus(atStart), windowSeconds);
    }

    /** What the service's threads and the database's sessions were doing when ingest stopped: for whoever looks. */
    private static Path stallReport(AuditBenchDatabase database, long servicePid) throws Exception {
        Path report = Path.of(System.getProperty("sspr.repo.root", ".."), "e2e/target/service-logs",
                "audit-bench-stall.txt").toAbsolutePath().normalize();
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(servicePid), "Thread.print").redirectErrorStream(true).start();
        String threads = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        Files.writeString(report, "pg_stat_activity of " + AuditBenchDatabase.NAME + ":\n" + database.sessions()
                + "\n\nthreads of the service:\n" + threads);
        return report;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /**
     * @param seconds from the first record stored to the last
     * @param drained records stored after the last event was sent, in {@code drainSeconds}
     */
    record Ingest(int events, double sendSeconds, double seconds, long drained, double drainSeconds, Cpu cpu,
            double cpuSeconds) {
        /** The drain's rate: the figure. */
        double rate() {
            return drained / drainSeconds;
        }

        /** From the first record to the last, the sending included. */
        double overallRate() {
            return (events - 1) / seconds;
        }

        /** Milliseconds of CPU per 1,000 events. */
        double per1000(long ticks) {
            return ticks * 10.0 * 1000 / events;
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** A target user's records of the last week of the seed: about 23 of a user's 100, one page. */
    private static long[] firstPages(String url, int users, Instant today, int requests, Random random,
            Figures figures) throws Exception {
        long found = 0;
        String from = today.minus(7, ChronoUnit.DAYS).toString();
        String to = today.toString();
        Timed timed = new Timed();
        for (int i = -requests / 10; i < requests; i++) {
            String user = "user%05d@example.test".formatted(random.nextInt(users));
            String query = EVENTS + "?targetUser=" + encode(user) + "&from=" + from + "&to=" + to;
            long start = System.nanoTime();
            JsonNode page = getJson(url + query);
            long nanos = System.nanoTime() - start;
            if (i >= 0) {
                timed.add(nanos);
                found += page.get("value").size();
            }
        }
        figures.firstPageRecords = (double) found / requests;
        return timed.sorted();
    }

    /**
     * Follows nextLink ({@value #WALK_LIMIT} records a page, newest first) until {@code deep} records lie behind; the
     * cursors of the second half of the walk.
     */
    private static List<String> walk(String url, int deep, Figures figures) throws Exception {
        List<String> cursors = new ArrayList<>();
        String next = EVENTS + "?limit=" + WALK_LIMIT;
        long walked = 0;
        Stopwatch walk = new Stopwatch();
        while (walked < deep) {
            JsonNode page = getJson(url + next);
            walked += page.get("value").size();
            next = page.path("nextLink").asText(null);
            if (next == null) {
                throw new IllegalStateException("the walk ended after " + walked + " records");
            }
            if (walked >= deep / 2) {
                Matcher cursor = CURSOR.matcher(next);
                if (!cursor.find()) {
                    throw new IllegalStateException("a nextLink without a cursor: " + next);
                }
                cursors.add(cursor.group(1));
            }
        }
        figures.walkRecords = walked;
        figures.walkSeconds = walk.seconds();
        return cursors;
    }

    /** Pages of {@value #PAGE_LIMIT} behind the deep cursors, in turn. */
    private static long[] deepPages(String url, List<String> cursors, int requests) throws Exception {
        Timed timed = new Timed();
        for (int i = -requests / 10; i < requests; i++) {
            String query = EVENTS + "?limit=" + PAGE_LIMIT + "&cursor=" + cursors.get(Math.floorMod(i, cursors.size()));
            long start = System.nanoTime();
            JsonNode page = getJson(url + query);
            long nanos = System.nanoTime() - start;
            if (page.get("value").size() != PAGE_LIMIT) {
                throw new IllegalStateException(query + " returned " + page.get("value").size() + " records");
            }
            if (i >= 0) {
                timed.add(nanos);
            }
        }
        return timed.sorted();
    }

    /** Every record of one seeded day (about a thirtieth of the seed) as CSV, read to the last byte. */
    private static Export exports(String url, Instant today, int exports, Random random) throws Exception {
        Timed timed = new Timed();
        long rows = 0;
        for (int i = -2; i < exports; i++) {
            Instant day = today.minus(1 + random.nextInt(29), ChronoUnit.DAYS);
            String query = EVENTS + "?from=" + day + "&to=" + day.plus(1, ChronoUnit.DAYS);
            long start = System.nanoTime();
            HttpResponse<InputStream> answer = HTTP.send(request(url + query).header("Accept", "text/csv").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            try (InputStream body = answer.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    for (int b = 0; b < read; b++) {
                        if (buffer[b] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            long nanos = System.nanoTime() - start;
            if (answer.statusCode() != 200 || lines < 2) {
                throw new IllegalStateException(query + " as CSV answered " + answer.statusCode() + " with " + lines
                        + " lines");
            }
            if (i >= 0) {
                timed.add(nanos);
                rows += lines - 1; // the header
            }
        }
        return new Export(timed.sorted(), rows / exports);
    }

    record Export(long[] sortedNanos, long rowsPerExport) {
    }

    /** Walks the whole chain once, as an auditor's /verify does: the seed and the ingest are one unbroken chain. */
    private static void verifyChain(String url, AuditBenchDatabase database) throws Exception {
        Stopwatch walk = new Stopwatch();
        HttpResponse<String> answer = HTTP.send(request(url + "/api/v1/audit/verify").timeout(Duration.ofMinutes(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode report = JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !report.path("firstBrokenLink").isNull()) {
            throw new IllegalStateException("/verify answered " + answer.statusCode() + ": " + answer.body());
        }
        System.out.printf("/verify: %,d records verified, no broken link, in %.0f s (%,d in the database)%n",
                report.get("verified").asLong(), walk.seconds(), database.countAndLastSequence()[0]);
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> answer = HTTP.send(request(url).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** The stack's auditor token ({@code AUDITOR_TOKEN} from {@code deploy/local/stack env}). */
    private static String token;

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60));
    }

    /**
     * The auditor token {@code deploy/local/stack env} minted (group auditor, audience sspr-audit, an hour's life):
     * refused when it would expire, or pass the service's one-hour age limit, within the run's 15 minutes.
     */
    private static String auditorToken() throws IOException {
        String jwt = RealParts.env("AUDITOR_TOKEN");
        String[] parts = jwt.split("\\.");
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts.length == 3 ? parts[1] : ""));
        long now = Instant.now().getEpochSecond();
        long until = Math.min(claims.path("exp").asLong(0), claims.path("iat").asLong(0) + 3600);
        if (until < now + 15 * 60) {
            throw new IllegalStateException("AUDITOR_TOKEN is valid for less than the run's 15 minutes: run `eval "
                    + "\"$(deploy/local/stack env)\"` again for a fresh one");
        }
        return jwt;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ the report

    static final class Figures {
        Ingest ingest;
        long[] firstPage;
        long[] deepPage;
        Export export;
        long walkRecords;
        double walkSeconds;
        double firstPageRecords;
    }

    private static void report(long records, int users, int events, int requests, int exports, int deep,
            Figures figures, AuditBenchDatabase database) throws Exception {
        System.out.printf("%nAudit service: %,d seeded records (30 days, %,d users) plus the ingested ones, %d cores,"
                + " database %,d MB%n", records, users, Runtime.getRuntime().availableProcessors(),
                database.sizeBytes() >> 20);
        System.out.println("| | p50 | p99 | figure | aim |");
        System.out.println("|---|---|---|---|---|");
        Ingest ingest = figures.ingest;
        System.out.printf("| ingest: %,d signed audit events sent at once, Kafka -> PostgreSQL | | | %,.0f events/s"
                + " | >= 5,000 events/s |%n", events, ingest.rate());
        System.out.printf("| filtered first page: targetUser + 7 days (%.1f records a page), %d requests | %.1f ms |"
                + " %.1f ms | | p99 <= 50 ms |%n", figures.firstPageRecords, requests, millis(figures.firstPage, 0.50),
                millis(figures.firstPage, 0.99));
        System.out.printf("| deep cursor page: %d records, %,d-%,d records deep, %d requests | %.1f ms | %.1f ms | |"
                + " (p99 <= 50 ms) |%n", PAGE_LIMIT, deep / 2, deep, requests, millis(figures.deepPage, 0.50),
                millis(figures.deepPage, 0.99));
        double p50 = millis(figures.export.sortedNanos(), 0.50);
        double p99 = millis(figures.export.sortedNanos(), 0.99);
        System.out.printf("| one-day CSV export: %,d rows, %d exports | %.0f ms | %.0f ms | %,.0f rows/s (p50), %,.0f"
                + " rows/s (p99) | >= 50,000 rows/s |%n", figures.export.rowsPerExport(), exports, p50, p99,
                figures.export.rowsPerExport() / (p50 / 1000), figures.export.rowsPerExport() / (p99 / 1000));
        System.out.printf("%nIngest: sent in %.1f s; %,d records stored after that in %.1f s; %,.0f events/s from the"
                + " first record to the last, the sending included%n", ingest.sendSeconds(), ingest.drained(),
                ingest.drainSeconds(), ingest.overallRate());
        System.out.printf("Ingest CPU per 1,000 events (ms): audit service %.0f, PostgreSQL %.0f, everything else"
                + " %.0f (Kafka, this benchmark); machine busy %.0f %% of %d cores%n",
                ingest.per1000(ingest.cpu().serviceTicks()), ingest.per1000(ingest.cpu().postgresTicks()),
                ingest.per1000(ingest.cpu().machineTicks() - ingest.cpu().serviceTicks()
                        - ingest.cpu().postgresTicks()),
                ingest.cpu().machineTicks() / (ingest.cpuSeconds() * 100 * Runtime.getRuntime().availableProcessors())
                        * 100, Runtime.getRuntime().availableProcessors());
        System.out.printf("Walking %,d records by nextLink (%d a page): %.1f s, %,.0f records/s%n",
                figures.walkRecords, WALK_LIMIT, figures.walkSeconds, figures.walkRecords / figures.walkSeconds);
    }

    /** Nearest rank. */
    private static double millis(long[] sortedNanos, double quantile) {
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    private static final class Timed {
        private final List<Long> nanos = new ArrayList<>();

        void add(long value) {
            nanos.add(value);
        }

        long[] sorted() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private static final class Stopwatch {
        private final long start = System.nanoTime();

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * CPU used so far, in ticks (1/100 s): by the whole machine (/proc/stat), by the service's process and by every
     * PostgreSQL process (the stack's server: the benchmark's backends, its background workers and whatever else
     * asks it).
     */
    record Cpu(long machineTicks, long serviceTicks, long postgresTicks) {
        static Cpu now(long servicePid) throws IOException {
            String[] total = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long machine = Long.parseLong(total[1]) + Long.parseLong(total[2]) + Long.parseLong(total[3]);
            long service = ticks(Path.of("/proc", Long.toString(servicePid)));
            long postgres = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(process.resolve("stat"));
                        if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals("postgres")) {
                            postgres += ticks(process);
                        }
                    } catch (IOException | RuntimeException e) {
                        // the process ended while we looked
                    }
                }
            }
            return new Cpu(machine, service, postgres);
        }

        private static long ticks(Path process) throws IOException {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(machineTicks - earlier.machineTicks, serviceTicks - earlier.serviceTicks,
                    postgresTicks - earlier.postgresTicks);
        }
    }
}
