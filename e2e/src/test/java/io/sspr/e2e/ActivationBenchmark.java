package io.sspr.e2e;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * How long writeback takes to become Active, which Entra puts at up to 30 minutes: from a writeback worker's start,
 * and from the admin's switch turned on, until the portal's {@code GET /api/v1/status} says Active; and from a
 * worker's stop until it says Inactive. The worker's own start (process start to ready) is measured in the same
 * rounds as the baseline, so what the status adds shows on its own.
 *
 * <p>Needs only {@code deploy/local/stack parts} and the packaged services; it runs its own portal and worker and
 * refuses to start while the stack's services run ({@code deploy/local/stack down}, then {@code parts}):
 * {@code eval "$(deploy/local/stack env)"; mvn -q -B package -DskipTests; mvn -q -pl e2e -Pbench test-compile
 * exec:java -Dbench.main=io.sspr.e2e.ActivationBenchmark}.
 */
public final class ActivationBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ActivationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        RunningStack parts = RunningStack.fromEnvironment();
        String adminToken = RealParts.env("ADMIN_TOKEN");
        refuseIfStackServicesRun();
        TestKafka.produce(Topics.SETTINGS, SelfServiceSettings.of(Values.DEFAULTS, "activation-benchmark",
                Instant.now()), Services.ADMIN);
        List<Long> workerReady = new ArrayList<>();
        List<Long> workerActive = new ArrayList<>();
        List<Long> stoppedInactive = new ArrayList<>();
        List<Long> switchActive = new ArrayList<>();
        List<Long> switchInactive = new ArrayList<>();
        try (ServiceProcesses portal = ServiceProcesses.startOnly(parts, "activation", "reset-portal", Map.of());
                ServiceProcesses worker = ServiceProcesses.startOnly(parts, "activation", "writeback-worker",
                        Map.of())) {
            String status = portal.url("reset-portal") + "/api/v1/status";
            await(status, "Active", Duration.ofSeconds(60));
            for (int round = 1; round <= ROUNDS; round++) {
                long stop = System.nanoTime();
                Process process = worker.process("writeback-worker");
                process.destroy();
                stoppedInactive.add(await(status, "Inactive", Duration.ofSeconds(60)) - stop);
                // the worker finishes what it holds before it exits; a new one starts after
                process.waitFor(60, TimeUnit.SECONDS);

                long start = System.nanoTime();
                worker.restart(parts, "writeback-worker", Map.of());
                workerReady.add(System.nanoTime() - start);
                workerActive.add(await(status, "Active", Duration.ofSeconds(60)) - start);

                put(portal.url("reset-portal"), adminToken, false);
                long off = System.nanoTime();
                switchInactive.add(await(status, "Inactive", Duration.ofSeconds(60)) - off);
                long on = System.nanoTime();
                put(portal.url("reset-portal"), adminToken, true);
                switchActive.add(await(status, "Active", Duration.ofSeconds(60)) - on);
                System.out.printf("round %d of %d done%n", round, ROUNDS);
            }
        }
        System.out.printf("%nWriteback activation, %d rounds (ms: min / p50 / max); Entra: up to 30 minutes%n", ROUNDS);
        System.out.println("| | min | p50 | max |");
        System.out.println("|---|---|---|---|");
        row("worker process start -> ready (baseline)", workerReady);
        row("worker process start -> portal says Active", workerActive);
        row("admin switch on -> portal says Active", switchActive);
        row("admin switch off -> portal says Inactive", switchInactive);
        row("worker stopped (SIGTERM) -> portal says Inactive", stoppedInactive);
        List<Long> added = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            added.add(workerActive.get(i) - workerReady.get(i));
        }
        row("Active after the worker was ready (what the status adds)", added);
    }

    /** @return System.nanoTime() when the status first said {@code writeback} */
    private static long await(String url, String writeback, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Predicate<String> says = body -> body.contains("\"writebackStatus\":\"" + writeback + "\"");
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (says.test(answer.body())) {
                return System.nanoTime();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the portal did not say " + writeback + " within " + within.toSeconds() + " s");
    }

    private static void put(String portal, String token, boolean writebackEnabled) throws Exception {
        String body = "{\"writebackEnabled\":" + writebackEnabled + ",\"unlockAllowed\":true,\"methodsRequired\":1,"
                + "\"scopeGroupDn\":null,\"customBannedTerms\":[],\"nistMode\":false}";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(portal + "/api/v1/admin/settings"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("PUT /api/v1/admin/settings answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    /** The stack's own worker would keep writeback Active while ours is stopped: nothing here would be measured. */
    private static void refuseIfStackServicesRun() {
        String workerUrl = System.getenv().getOrDefault("WORKER_URL", "http://localhost:8082");
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(workerUrl + "/q/health/live")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception notRunning) {
            return;
        }
        throw new IllegalStateException("the stack's writeback worker runs at " + workerUrl + ": its heartbeats would "
                + "keep writeback Active. Run `deploy/local/stack down` and `deploy/local/stack parts` first.");
    }

    private static void row(String name, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("| %s | %d | %d | %d |%n", name, millis(sorted.get(0)), millis(sorted.get(sorted.size() / 2)),
                millis(sorted.get(sorted.size() - 1)));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
