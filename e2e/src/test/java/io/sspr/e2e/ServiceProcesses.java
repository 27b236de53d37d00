package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.Topics;
import io.sspr.events.testing.ConsumerGroupStart;
import io.sspr.events.testing.KafkaTestClients;
import io.sspr.events.testing.RealParts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The four packaged services ({@code target/quarkus-app/quarkus-run.jar}) as child processes on free ports, with the
 * real parts' environment. Their logs go to {@code e2e/target/service-logs/} so a test can scan them.
 */
final class ServiceProcesses implements AutoCloseable {

    static final List<String> SERVICES = List.of("audit-service", "policy-validator", "writeback-worker", "reset-portal");
    /**
     * Settings every launch of a service starts with, under the test's own: the tests play many people from one
     * address, as a company behind one NAT address would be, which the portal's per-client limit would refuse.
     */
    private static final Map<String, Map<String, String>> BASE_SETTINGS = Map.of("reset-portal",
            Map.of("sspr.portal.self-service.client-requests-per-minute", "100000"));

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> launches = new LinkedHashMap<>();
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String logPrefix;

    private ServiceProcesses(Path logDir, String logPrefix) {
        this.logDir = logDir;
        this.logPrefix = logPrefix;
    }

    static ServiceProcesses start(RunningStack parts) throws IOException {
        return start(parts, "");
    }

    /** All four, with their logs named after the label ({@code <label>-<service>.log}), so each test class keeps its own. */
    static ServiceProcesses start(RunningStack parts, String label) throws IOException {
        return start(parts, label, Map.of());
    }

    /** All four, some with extra settings as system properties (service name → settings). */
    static ServiceProcesses start(RunningStack parts, String label, Map<String, Map<String, String>> settings)
            throws IOException {
        refuseIfOtherConsumersRun(parts);
        startPipelineAtEnd(parts);
        Path logDir = parts.repoRoot().resolve("e2e/target/service-logs");
        Files.createDirectories(logDir);
        ServiceProcesses services = new ServiceProcesses(logDir, label.isEmpty() ? "" : label + "-");
        try {
            for (String service : SERVICES) {
                services.launch(parts, service, settings.getOrDefault(service, Map.of()));
            }
            for (String service : SERVICES) {
                services.awaitReady(service, Duration.ofSeconds(120));
            }
            services.awaitWritebackActive();
        } catch (RuntimeException | Error e) {
            services.close();
            throw e;
        }
        return services;
    }

    /**
     * One service alone, with extra settings as system properties (such as its own consumer group); its logs are
     * named after the label, one per launch, so a restarted service keeps the first log.
     */
    static ServiceProcesses startOnly(RunningStack parts, String label, String service, Map<String, String> settings)
            throws IOException {
        Path logDir = parts.repoRoot().resolve("e2e/target/service-logs");
        Files.createDirectories(logDir);
        ServiceProcesses services = new ServiceProcesses(logDir, label + "-");
        services.restart(parts, service, settings);
        return services;
    }

    /**
     * One service alone, as above, with some of the stack's environment for it replaced (a benchmark's own database
     * and Kafka principal); values in the environment, not on the command line, where {@code ps} would show them.
     */
    static ServiceProcesses startOnly(RunningStack parts, String label, String service, Map<String, String> settings,
            Map<String, String> environment) throws IOException {
        Path logDir = parts.repoRoot().resolve("e2e/target/service-logs");
        Files.createDirectories(logDir);
        ServiceProcesses services = new ServiceProcesses(logDir, label + "-");
        services.launch(parts, service, settings, environment);
        services.awaitReady(service, Duration.ofSeconds(120));
        return services;
    }

    /** Launches (again) one service and waits until it is ready; its previous process must have ended. */
    void restart(RunningStack parts, String service, Map<String, String> settings) throws IOException {
        launch(parts, service, settings);
        awaitReady(service, Duration.ofSeconds(120));
        awaitWritebackActive();
    }

    /**
     * With a portal and a worker of this set running: until the portal has the worker's heartbeat it refuses every
     * request with 503 WRITEBACK_INACTIVE, as it should, so the tests start once it says Active.
     */
    private void awaitWritebackActive() {
        if (!isRunning("reset-portal") || !isRunning("writeback-worker")) {
            return;
        }
        URI status = URI.create(url("reset-portal") + "/api/v1/status");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> http.send(
                    HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"writebackStatus\":\"Active\""));
        } catch (ConditionTimeoutException e) {
            fail("the portal did not call writeback Active within 60 s of the worker's start: see "
                    + logFile("reset-portal") + " and " + logFile("writeback-worker"));
        }
    }

    private boolean isRunning(String service) {
        Process process = processes.get(service);
        return process != null && process.isAlive();
    }

    Process process(String service) {
        return processes.get(service);
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        launches.forEach((service, count) -> {
            for (int launch = 1; launch <= count; launch++) {
                files.add(logFile(service, launch));
            }
        });
        return files;
    }

    /** The log of the service's latest launch. */
    Path logFile(String service) {
        return logFile(service, launches.getOrDefault(service, 1));
    }

    private Path logFile(String service, int launch) {
        return logDir.resolve(logPrefix + (launch == 1 ? service : service + "-" + launch) + ".log");
    }

    private void launch(RunningStack parts, String service, Map<String, String> settings) throws IOException {
        launch(parts, service, settings, Map.of());
    }

    private void launch(RunningStack parts, String service, Map<String, String> settings,
            Map<String, String> environmentOverrides) throws IOException {
        Path jar = packagedJar(parts, service);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC"));
        Map<String, String> effective = new TreeMap<>(BASE_SETTINGS.getOrDefault(service, Map.of()));
        effective.putAll(settings);
        effective.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        int launch = launches.merge(service, 1, Integer::sum);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile(service, launch).toFile());
        // Only what the stack gives this service: never the test's admin credentials
        Map<String, String> environment = systemEnvironmentOnly(builder);
        try {
            environment.putAll(StackScript.serviceEnvironment(parts, service));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the environment of " + service, e);
        }
        environment.putAll(environmentOverrides);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        processes.put(service, builder.start());
        ports.put(service, port);
    }

    private void awaitReady(String service, Duration timeout) {
        URI ready = URI.create(url(service) + "/q/health/ready");
        Process process = processes.get(service);
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    fail(service + " exited with " + process.exitValue() + " before it was ready: see "
                            + logFile(service));
                }
                return isReady(ready);
            });
        } catch (ConditionTimeoutException e) {
            fail(service + " was not ready within " + timeout.toSeconds() + " s: see " + logFile(service));
        }
    }

    private boolean isReady(URI ready) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** Services of {@code deploy/local/stack up} in the same consumer groups would take half of our messages. */
    private static void refuseIfOtherConsumersRun(RunningStack parts) {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        List<String> groups = SERVICES.stream().map(s -> "sspr-" + s).toList();
        try (Admin admin = Admin.create(config)) {
            // Describing a group that never existed is an error, so only describe the ones the broker knows.
            List<String> known = admin.listGroups().all().get(15, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId).filter(groups::contains).toList();
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(known).all()
                    .get(15, TimeUnit.SECONDS);
            List<String> busy = described.values().stream().filter(d -> !d.members().isEmpty())
                    .map(ConsumerGroupDescription::groupId).toList();
            if (!busy.isEmpty()) {
                fail("other service instances are consuming in " + busy
                        + ": stop them (`deploy/local/stack down`, then `deploy/local/stack parts`) before the end-to-end tests");
            }
        } catch (Exception e) {
            fail("Kafka at " + parts.kafkaBootstrapServers() + " did not answer (" + e + "): " + RealParts.HINT);
        }
    }

    /**
     * The services start at the pipeline topics' current end, as a new deployment would: what earlier runs (or a
     * benchmark) left there is not this run's traffic. State topics (compacted) are still read from the start.
     */
    private static void startPipelineAtEnd(RunningStack parts) {
        List<String> pipeline = Topics.ALL.stream().filter(t -> !t.compacted()).map(Topics.TopicSpec::name).toList();
        try {
            for (String service : SERVICES) {
                ConsumerGroupStart.atEnd(parts.kafkaBootstrapServers(), "sspr-" + service, pipeline);
            }
        } catch (Exception e) {
            fail("could not set the services' consumer groups to the topics' end (" + e + "): " + RealParts.HINT);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A service's packaged jar; fails with how to build it when it is missing. */
    static Path packagedJar(RunningStack parts, String service) {
        Path jar = parts.repoRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: build with `mvn -B verify` from the repository root (it packages the services first)");
        }
        return jar;
    }

    /**
     * Empties the child's environment but for what any process needs (PATH, HOME, LANG, JAVA_HOME), so nothing of
     * the test's (its admin credentials) reaches it; the caller adds what the child may have.
     */
    static Map<String, String> systemEnvironmentOnly(ProcessBuilder builder) {
        Map<String, String> environment = builder.environment();
        Map<String, String> inherited = Map.copyOf(environment);
        environment.clear();
        for (String name : List.of("PATH", "HOME", "LANG", "JAVA_HOME")) {
            if (inherited.containsKey(name)) {
                environment.put(name, inherited.get(name));
            }
        }
        return environment;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
