package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sspr.e2e.HostileHttpCases.Answer;
import io.sspr.e2e.HostileHttpCases.HttpCase;
import io.sspr.e2e.HostileKafkaCases.ConsumerExpectation;
import io.sspr.e2e.HostileKafkaCases.Handling;
import io.sspr.e2e.HostileKafkaCases.KafkaCase;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.e2e.TopicRecords.Follower;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordValidated;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.messaging.DeadLetterHeaders;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input against the real stack, in one run of the four services: malformed, oversized and wrongly typed
 * requests to the portal and the audit and policy APIs, and forged, unsigned, tampered, wrongly sealed, expired,
 * replayed and poison records on every topic the services consume, injected with the operator's Kafka client.
 *
 * <p>What must hold: no 5xx; every request refused with a 4xx and a stable JSON code, or accepted (202) and then
 * refused by the pipeline; every record that cannot be processed dead-lettered by each consumer with the expected
 * reason and audited; no test user's password changed except by the controls (a genuine reset replayed: one write);
 * every channel still running (liveness UP, consumers caught up, and a genuine change through the portal succeeds at
 * the end). Prints the case count and an outcome table, also written to {@code e2e/target/hostile-table.md}.
 *
 * <p>Run alone, with the stack's variables set ({@code eval "$(deploy/local/stack env)"}): {@code mvn -B -o -pl e2e -am
 * verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HostileInputIT
 * -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(90);
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "REJECTED", "FAILED", "EXPIRED");
    private static final String AUDIT_EVENTS_API = "/api/v1/audit/events";

    private RunningStack parts;
    private TestDirectory directory;
    private TopicRecords topics;
    private ServiceProcesses services;
    private Follower follower;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    private TestUser victim;
    private TestUser other;
    private TestUser control1;
    private TestUser control2;
    private TestUser finalUser;
    private final Map<TestUser, String> passwords = new LinkedHashMap<>();
    private final Map<TestUser, Long> pwdLastSetBefore = new LinkedHashMap<>();
    private ConsumerRecord<String, String> settingsBefore;
    private boolean settingsTouched;

    /** One case's outcome: tokens are counted per category for the table. */
    private record Row(String category, String name, List<String> expected, List<String> observed, boolean ok) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        parts = RunningStack.fromEnvironment();
        directory = new TestDirectory(parts);
        topics = new TopicRecords(parts);
        victim = user();
        other = user();
        control1 = user();
        control2 = user();
        finalUser = user();
        for (TestUser user : passwords.keySet()) {
            pwdLastSetBefore.put(user, directory.pwdLastSet(user));
        }
        settingsBefore = SettingsRecords.latest(topics).orElse(null);
        // Many of the hostile changes are well-formed changes of the victim with a wrong current password, sent on
        // purpose; the block after five such failures (PasswordChangeResourceTest) would turn the later ones into 429s.
        services = ServiceProcesses.start(parts, "hostile",
                Map.of("reset-portal", Map.of("sspr.portal.self-service.failures-allowed", "1000")));
        for (String service : ServiceProcesses.SERVICES) {
            urls.put(service, services.url(service));
        }
        List<String> followed = new ArrayList<>();
        HostileKafkaCases.TOPICS.forEach(t -> followed.add(Topics.deadLetter(t)));
        followed.addAll(List.of(Topics.AUDIT_EVENTS, Topics.PASSWORD_RESULTS, Topics.PASSWORD_VALIDATED));
        follower = topics.follow(followed);
    }

    @AfterAll
    void tearDown() throws Exception {
        pool.shutdownNow();
        try {
            if (settingsTouched) {
                restoreSettings();
            }
        } finally {
            if (follower != null) {
                follower.close();
            }
            if (services != null) {
                services.close();
            }
            for (TestUser user : passwords.keySet()) {
                directory.deleteUser(user);
            }
        }
    }

    @Test
    void hostileInputIsRefusedDeadLetteredAndAuditedAndChangesNoPassword() throws Exception {
        long started = System.nanoTime();

        // Requests of the portal that forged results name: each ends FAILED (wrong current password), never SUCCEEDED
        List<UUID> targets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            targets.add(submit(victim.samAccountName(), TestDirectory.randomPassword(), TestDirectory.randomPassword()));
        }

        // Kafka first (the pipeline takes longest), then HTTP while the consumers work
        HostileKafkaCases forge = new HostileKafkaCases(victim, other, targets);
        List<KafkaCase> kafkaCases = new ArrayList<>(forge.build());
        PasswordRequested replayed = forge.wrongCurrentChange(victim);
        kafkaCases.add(forge.replayedRequest(replayed, 1));
        kafkaCases.add(forge.replayedRequest(replayed, 2));
        ProducerRecord<String, byte[]> unsigned = forge.unsignedArmedRequest();
        kafkaCases.add(forge.replayedUnsigned(unsigned, 1));
        kafkaCases.add(forge.replayedUnsigned(copy(unsigned), 2));
        settingsTouched = true;
        try (KafkaProducer<String, byte[]> producer = topics.rawProducer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (KafkaCase kafkaCase : kafkaCases) {
                sent.add(producer.send(kafkaCase.record));
            }
            for (int i = 0; i < kafkaCases.size(); i++) {
                kafkaCases.get(i).sent = sent.get(i).get(30, TimeUnit.SECONDS);
            }
        }
        System.out.printf("hostile: %d Kafka records sent in %d ms%n", kafkaCases.size(),
                (System.nanoTime() - started) / 1_000_000);

        Future<List<String>> controls = pool.submit(() -> controls(forge));

        List<HttpCase> httpCases = new HostileHttpCases(victim.samAccountName(), parts.auditorToken(),
                parts.helpdeskToken()).build();
        List<Answer> answers = parallel(httpCases.stream()
                .map(c -> (Callable<Answer>) () -> HostileHttpCases.send(http, urls, c)).toList());
        System.out.printf("hostile: %d HTTP requests answered after %d ms%n", httpCases.size(),
                (System.nanoTime() - started) / 1_000_000);

        // Kafka: until every expected dead letter, audit record and result is there
        awaitSettled(kafkaCases);
        awaitConsumersCaughtUp();

        // A genuine validated event of the far-future case, replayed as it came from the validator: the stored
        // result again, no write
        List<KafkaCase> replays = replayCapturedValidated(kafkaCases);
        kafkaCases.addAll(replays);
        awaitSettled(replays);
        awaitConsumersCaughtUp();

        evaluateHttp(httpCases, answers);
        evaluateKafka(kafkaCases);
        evaluatePortalRequests(targets, "forged results' targets", "then FAILED/REJECTED (never SUCCEEDED)");
        List<String> controlProblems = controls.get(3, TimeUnit.MINUTES);
        rows.add(new Row("control: genuine resets replayed", "two resets, each sent twice",
                List.of("one SUCCEEDED result each (sent twice alike), one write"),
                controlProblems.isEmpty() ? List.of("one SUCCEEDED result each (sent twice alike), one write")
                        : controlProblems, controlProblems.isEmpty()));
        failures.addAll(controlProblems.stream().map(p -> "control: " + p).toList());

        // Nothing stopped: every service live, and a genuine change still goes through end to end
        checkNothingStopped();
        checkNoPasswordChanged();

        int hostileCases = httpCases.size() + kafkaCases.size() + targets.size();
        String table = table(hostileCases, (System.nanoTime() - started) / 1_000_000);
        System.out.print(table);
        Path file = parts.repoRoot().resolve("e2e/target/hostile-table.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table, StandardCharsets.UTF_8);

        assertTrue(hostileCases >= 200, "at least 200 hostile cases, not " + hostileCases);
        assertTrue(failures.isEmpty(), failures.size() + " problems:\n" + String.join("\n", failures));
    }

    // ------------------------------------------------------------------------------------------- HTTP

    private void evaluateHttp(List<HttpCase> cases, List<Answer> answers) {
        Map<UUID, HttpCase> accepted = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            HttpCase c = cases.get(i);
            Answer answer = answers.get(i);
            boolean ok = c.statuses().contains(answer.status()) && answer.status() >= 200 && answer.status() < 500
                    && (answer.status() < 400 || answer.code() != null || HostileHttpCases.NO_BODY.equals(c.code()))
                    && (c.code() == null || answer.status() < 400 || HostileHttpCases.NO_BODY.equals(c.code())
                            || c.code().equals(answer.code()));
            List<String> observed = new ArrayList<>(List.of(answer.describe()));
            if (answer.status() >= 500 || answer.status() < 0) {
                failures.add("http " + c.category() + " / " + c.name() + ": " + answer.describe() + " (a 5xx or no "
                        + "answer)");
            } else if (!ok) {
                failures.add("http " + c.category() + " / " + c.name() + ": expected " + c.expected() + ", got "
                        + answer.describe());
            }
            if (answer.status() == 202) {
                try {
                    accepted.put(UUID.fromString(JSON.readTree(answer.body()).get("requestId").asText()), c);
                } catch (Exception e) {
                    failures.add("http " + c.name() + ": 202 without a request id");
                }
            }
            rows.add(new Row(c.category(), c.name(), List.of(c.expected()), observed, ok));
        }
        // What the portal accepted must be refused by the pipeline: a wrong current password, never written
        Map<UUID, JsonNode> ends = awaitTerminal(accepted.keySet());
        accepted.forEach((requestId, c) -> {
            JsonNode status = ends.get(requestId);
            String observed = status == null ? "then not terminal"
                    : "then " + status.path("status").asText() + " " + status.path("code").asText();
            boolean ok = status != null && !"SUCCEEDED".equals(status.path("status").asText())
                    && "CHANGE".equals(status.path("operation").asText());
            if (!ok) {
                failures.add("http " + c.name() + ": accepted, " + observed + " (operation "
                        + (status == null ? "?" : status.path("operation").asText()) + ")");
            }
            rows.add(new Row(c.category(), c.name() + " (pipeline)", List.of("then refused (CHANGE, not SUCCEEDED)"),
                    List.of(ok ? "then refused (CHANGE, not SUCCEEDED)" : observed), ok));
        });
    }

    private void evaluatePortalRequests(List<UUID> requestIds, String category, String expected) {
        Map<UUID, JsonNode> ends = awaitTerminal(requestIds);
        for (UUID requestId : requestIds) {
            JsonNode status = ends.get(requestId);
            boolean ok = status != null && Set.of("FAILED", "REJECTED").contains(status.path("status").asText());
            String observed = status == null ? "not terminal" : "then " + status.path("status").asText();
            if (!ok) {
                failures.add(category + " " + requestId + ": " + observed);
            }
            rows.add(new Row(category, requestId.toString(), List.of("202, " + expected),
                    List.of(ok ? "202, " + expected : "202, " + observed), ok));
        }
    }

    private Map<UUID, JsonNode> awaitTerminal(Collection<UUID> requestIds) {
        Map<UUID, JsonNode> ends = new ConcurrentHashMap<>();
        try {
            await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (UUID id : requestIds) {
                    if (!ends.containsKey(id)) {
                        Http.Response response = new Http().get(urls.get("reset-portal") + "/api/v1/requests/" + id,
                                Map.of());
                        if (response.body() != null && TERMINAL.contains(response.body().path("status").asText())) {
                            ends.put(id, response.body());
                        }
                    }
                }
                return ends.size() == requestIds.size();
            });
        } catch (ConditionTimeoutException e) {
            // reported per request
        }
        return ends;
    }

    private UUID submit(String username, String current, String next) {
        Http.Response response = new Http().postJson(urls.get("reset-portal") + HostileHttpCases.CHANGES,
                Map.of("username", username, "currentPassword", current, "newPassword", next));
        assertTrue(response.status() == 202, "a genuine request is accepted: " + response.rawBody());
        return UUID.fromString(response.body().get("requestId").asText());
    }

    // ------------------------------------------------------------------------------------------- Kafka

    /** Where a consumer's dead letter and audit record of a source record are found. */
    private static String position(String service, String topic, int partition, long offset) {
        return service + "|" + topic + "|" + partition + "|" + offset;
    }

    private Map<String, ConsumerRecord<String, String>> deadLetters() {
        Map<String, ConsumerRecord<String, String>> found = new LinkedHashMap<>();
        for (String topic : HostileKafkaCases.TOPICS) {
            for (ConsumerRecord<String, String> record : follower.records(Topics.deadLetter(topic))) {
                String source = header(record, DeadLetterHeaders.TOPIC);
                String partition = header(record, DeadLetterHeaders.PARTITION);
                String offset = header(record, DeadLetterHeaders.OFFSET);
                String service = header(record, DeadLetterHeaders.SERVICE);
                if (source != null && partition != null && offset != null && service != null) {
                    found.putIfAbsent(position(service, source, Integer.parseInt(partition), Long.parseLong(offset)),
                            record);
                }
            }
        }
        return found;
    }

    /** The audit events of dead letters, by the service that logged them and the source record's position. */
    private Map<String, JsonNode> deadLetterAudits() {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : follower.records(Topics.AUDIT_EVENTS)) {
            JsonNode event = json(record.value());
            JsonNode details = event == null ? null : event.path("details");
            if (details != null && "dead-letter".equals(details.path("stage").asText())) {
                found.putIfAbsent(position(event.path("loggedByService").asText(), details.path("topic").asText(),
                        details.path("partition").asInt(), details.path("offset").asLong()), event);
            }
        }
        return found;
    }

    /** The events of a topic by correlation id, each with the producer it names ({@code _source}, its ce_source). */
    private Map<String, List<JsonNode>> byCorrelation(String topic) {
        Map<String, List<JsonNode>> found = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : follower.records(topic)) {
            JsonNode event = json(record.value());
            if (event != null && event.path("correlationId").isTextual()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("_source", header(record, "ce_source"));
                found.computeIfAbsent(event.path("correlationId").asText(), k -> new ArrayList<>()).add(event);
            }
        }
        return found;
    }

    private void awaitSettled(List<KafkaCase> cases) {
        try {
            await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Map<String, ConsumerRecord<String, String>> dlq = deadLetters();
                Map<String, JsonNode> audits = deadLetterAudits();
                Map<String, List<JsonNode>> results = byCorrelation(Topics.PASSWORD_RESULTS);
                for (KafkaCase c : cases) {
                    for (ConsumerExpectation e : c.consumers) {
                        String at = position(e.service(), c.sent.topic(), c.sent.partition(), c.sent.offset());
                        if (e.handling() == Handling.DEAD_LETTER && (!dlq.containsKey(at) || !audits.containsKey(at))) {
                            return false;
                        }
                    }
                    if (c.resultFor != null && !results.containsKey(c.resultFor.toString())) {
                        return false;
                    }
                }
                return true;
            });
        } catch (ConditionTimeoutException e) {
            System.out.println("hostile: not everything settled within " + SETTLES_WITHIN + "; evaluating what came");
        }
    }

    /** Every service's group has committed everything sent so far, and the follower has read all that followed. */
    private void awaitConsumersCaughtUp() throws Exception {
        Map<String, List<String>> consumed = new LinkedHashMap<>();
        HostileKafkaCases.CONSUMERS.forEach((topic, services) -> {
            if (!topic.equals(Topics.SETTINGS)) { // read by each validator in a group of its own
                services.forEach(s -> consumed.computeIfAbsent(s, k -> new ArrayList<>()).add(topic));
            }
        });
        try {
            await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (Map.Entry<String, List<String>> e : consumed.entrySet()) {
                    Map<TopicPartition, Long> ends = ConsumerGroups.endOffsets(parts, e.getValue());
                    if (ConsumerGroups.behind(parts, "sspr-" + e.getKey(), ends) > 0) {
                        return false;
                    }
                }
                return true;
            });
        } catch (ConditionTimeoutException e) {
            failures.add("consumers did not catch up within " + SETTLES_WITHIN + " (a channel stopped or stuck?)");
        }
        List<String> followed = new ArrayList<>();
        HostileKafkaCases.TOPICS.forEach(t -> followed.add(Topics.deadLetter(t)));
        followed.addAll(List.of(Topics.AUDIT_EVENTS, Topics.PASSWORD_RESULTS));
        Map<TopicPartition, Long> ends = ConsumerGroups.endOffsets(parts, followed);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> follower.hasRead(ends));
    }

    private void evaluateKafka(List<KafkaCase> cases) {
        Map<String, ConsumerRecord<String, String>> dlq = deadLetters();
        Map<String, JsonNode> audits = deadLetterAudits();
        Map<String, List<JsonNode>> results = byCorrelation(Topics.PASSWORD_RESULTS);
        Map<String, List<JsonNode>> validated = byCorrelation(Topics.PASSWORD_VALIDATED);
        // the audit API: every dead letter's audit record stored, no forged event stored
        Set<String> correlationIds = new HashSet<>();
        for (KafkaCase c : cases) {
            for (ConsumerExpectation e : c.consumers) {
                JsonNode audit = audits.get(position(e.service(), c.sent.topic(), c.sent.partition(),
                        c.sent.offset()));
                if (audit != null) {
                    correlationIds.add(audit.path("correlationId").asText());
                }
            }
            if (c.forgedCorrelationId != null) {
                correlationIds.add(c.forgedCorrelationId.toString());
            }
        }
        Map<String, Set<String>> stored = auditApiIds(correlationIds, audits);

        for (KafkaCase c : cases) {
            List<String> expected = new ArrayList<>();
            List<String> observed = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Set<String> expectedServices = new HashSet<>();
            for (ConsumerExpectation e : c.consumers) {
                expectedServices.add(e.service());
                String at = position(e.service(), c.sent.topic(), c.sent.partition(), c.sent.offset());
                ConsumerRecord<String, String> letter = dlq.get(at);
                JsonNode audit = audits.get(at);
                String reason = letter == null ? null : header(letter, DeadLetterHeaders.REASON);
                switch (e.handling()) {
                    case DEAD_LETTER -> expected.add("dead letter " + e.reason() + ", audited");
                    case PROCESSED -> expected.add("processed");
                    case EITHER -> expected.add("processed or dead letter " + e.reason() + ", audited");
                }
                if (letter == null) {
                    observed.add("processed");
                    if (e.handling() == Handling.DEAD_LETTER) {
                        problems.add(e.service() + " did not dead-letter it");
                    }
                    continue;
                }
                boolean auditOk = audit != null && "failure".equals(audit.path("result").asText())
                        && e.reason() != null && e.reason().auditReason().equals(audit.path("resultReason").asText());
                boolean apiOk = audit != null && stored.getOrDefault(audit.path("correlationId").asText(), Set.of())
                        .contains(audit.path("eventId").asText());
                observed.add("dead letter " + reason + (auditOk ? ", audited" : ", NOT audited")
                        + (apiOk ? "" : " (not in the audit API)"));
                if (e.handling() == Handling.PROCESSED) {
                    problems.add(e.service() + " dead-lettered it (" + reason + ": "
                            + header(letter, DeadLetterHeaders.CAUSE) + ")");
                } else if (e.reason() != null && !e.reason().name().equals(reason)) {
                    problems.add(e.service() + " dead-lettered it " + reason + " (" + header(letter,
                            DeadLetterHeaders.CAUSE) + "), not " + e.reason());
                } else if (!auditOk || !apiOk) {
                    problems.add(e.service() + "'s dead letter is not audited" + (auditOk ? " in the audit API" : ""));
                }
            }
            for (String service : Services.RUNNING) {
                if (!expectedServices.contains(service)
                        && dlq.containsKey(position(service, c.sent.topic(), c.sent.partition(), c.sent.offset()))) {
                    problems.add(service + " dead-lettered it unexpectedly");
                }
            }
            if (c.forgedEventId != null && stored.getOrDefault(c.forgedCorrelationId.toString(), Set.of())
                    .contains(c.forgedEventId.toString())) {
                problems.add("the audit service stored the forged event");
            }
            if (c.resultFor != null) {
                String statuses = c.resultStatuses.stream().map(Enum::name).sorted().collect(Collectors.joining("/"));
                expected.add("result " + statuses);
                List<JsonNode> answers = results.getOrDefault(c.resultFor.toString(), List.of());
                Set<String> seen = answers.stream().map(r -> r.path("status").asText() + " " + r.path("code").asText())
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
                observed.add(answers.isEmpty() ? "no result" : "result " + String.join(", ", seen));
                boolean statusOk = !answers.isEmpty() && answers.stream().allMatch(r -> c.resultStatuses.stream()
                        .anyMatch(s -> s.name().equals(r.path("status").asText())));
                if (!statusOk) {
                    problems.add("result " + seen + ", expected " + statuses);
                }
                if (answers.stream().map(r -> r.path("eventId").asText()).distinct().count() > 1) {
                    problems.add("more than one result event for one request");
                }
            }
            if (c.expiryCapped) {
                expected.add("validated expiry ≤ " + HostileKafkaCases.VALIDATOR_TTL.toMinutes() + " min");
                List<JsonNode> events = validated.getOrDefault(c.resultFor.toString(), List.of()).stream()
                        .filter(v -> Services.source(Services.POLICY_VALIDATOR).equals(v.path("_source").asText()))
                        .toList();
                boolean capped = !events.isEmpty() && events.stream().allMatch(v -> {
                    Instant occurred = Instant.parse(v.path("occurredAt").asText());
                    Instant expires = Instant.parse(v.path("expiresAt").asText());
                    return !expires.isAfter(occurred.plus(HostileKafkaCases.VALIDATOR_TTL))
                            && !expires.isAfter(Instant.now().plus(HostileKafkaCases.VALIDATOR_TTL));
                });
                observed.add(events.isEmpty() ? "no validated event" : capped ? "validated expiry ≤ "
                        + HostileKafkaCases.VALIDATOR_TTL.toMinutes() + " min" : "validated expiry "
                        + events.get(0).path("expiresAt").asText());
                if (!capped) {
                    problems.add("the validated event's expiry is not capped: " + events);
                }
            }
            if (!problems.isEmpty()) {
                failures.add("kafka " + c.category + " / " + c.name + " (" + c.sent.topic() + "-" + c.sent.partition()
                        + "@" + c.sent.offset() + "): " + String.join("; ", problems));
            }
            rows.add(new Row(c.category, c.name, expected, problems.isEmpty() ? expected : observed,
                    problems.isEmpty()));
        }
    }

    /** The ids of the records the audit API returns for each correlation id, asked as an auditor. */
    private Map<String, Set<String>> auditApiIds(Set<String> correlationIds, Map<String, JsonNode> expected) {
        Map<String, Set<String>> stored = new ConcurrentHashMap<>();
        Set<String> wanted = expected.values().stream().map(a -> a.path("eventId").asText()).collect(
                Collectors.toSet());
        Map<String, String> auditor = Map.of("Authorization", "Bearer " + parts.auditorToken());
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                List<String> missing = correlationIds.stream().filter(id -> !stored.containsKey(id)
                        || expected.values().stream().anyMatch(a -> a.path("correlationId").asText().equals(id)
                                && !stored.get(id).contains(a.path("eventId").asText()))).toList();
                parallel(missing.stream().map(id -> (Callable<Void>) () -> {
                    Http.Response response = new Http().get(urls.get("audit-service") + AUDIT_EVENTS_API
                            + "?limit=1000&correlationId=" + id, auditor);
                    Set<String> ids = new HashSet<>();
                    if (response.body() != null) {
                        response.body().path("value").forEach(r -> ids.add(r.path("id").asText()));
                    }
                    stored.put(id, ids);
                    return null;
                }).toList());
                return stored.values().stream().mapToLong(s -> s.stream().filter(wanted::contains).count()).sum()
                        >= wanted.stream().filter(w -> expected.values().stream().anyMatch(a -> a.path("eventId")
                                .asText().equals(w) && correlationIds.contains(a.path("correlationId").asText())))
                                .count();
            });
        } catch (ConditionTimeoutException e) {
            // reported per case
        }
        return stored;
    }

    /** The far-future cases' validated events, as the validator sent them, each sent again twice. */
    private List<KafkaCase> replayCapturedValidated(List<KafkaCase> cases) throws Exception {
        List<KafkaCase> replays = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = topics.rawProducer()) {
            for (KafkaCase c : cases) {
                if (!c.expiryCapped) {
                    continue;
                }
                for (ConsumerRecord<String, String> record : follower.records(Topics.PASSWORD_VALIDATED)) {
                    JsonNode event = json(record.value());
                    if (event == null || !c.resultFor.toString().equals(event.path("correlationId").asText())
                            || !Services.source(Services.POLICY_VALIDATOR).equals(header(record, "ce_source"))) {
                        continue;
                    }
                    for (int copy = 1; copy <= 2; copy++) {
                        RecordHeaders headers = new RecordHeaders();
                        for (Header header : record.headers()) {
                            headers.add(header.key(), header.value());
                        }
                        KafkaCase replay = new KafkaCase("replayed", "validated of the validator (" + c.name
                                + "), copy " + copy, new ProducerRecord<>(record.topic(), null, record.key(),
                                        record.value().getBytes(StandardCharsets.UTF_8), headers))
                                .consumer(Services.WRITEBACK_WORKER, Handling.PROCESSED, null)
                                .consumer(Services.RESET_PORTAL, Handling.PROCESSED, null)
                                .result(c.resultFor, c.resultStatuses.toArray(new io.sspr.events.RequestStatus[0]));
                        replay.sent = producer.send(replay.record).get(30, TimeUnit.SECONDS);
                        replays.add(replay);
                    }
                    break;
                }
            }
        }
        if (replays.isEmpty()) {
            failures.add("no validated event of a far-future case to replay");
        }
        return replays;
    }

    // ------------------------------------------------------------------------------------------- controls

    /**
     * Two genuine admin resets, each sent twice: as the validator sends it (validated) and as the portal does
     * (requested). Each writes once: one SUCCEEDED result, sent again alike, and pwdLastSet moves once.
     */
    private List<String> controls(HostileKafkaCases forge) throws Exception {
        List<String> problems = new ArrayList<>();
        String first = TestDirectory.randomPassword();
        PasswordValidated reset = forge.controlReset(control1, first);
        control(problems, control1, first, reset.correlationId(), () -> forge.signedByValidator(reset));
        String second = TestDirectory.randomPassword();
        PasswordRequested request = forge.controlRequest(control2, second);
        control(problems, control2, second, request.correlationId(), () -> forge.signedByPortal(request));
        return problems;
    }

    private void control(List<String> problems, TestUser user, String password, UUID correlationId,
            Callable<ProducerRecord<String, byte[]>> record) throws Exception {
        try (KafkaProducer<String, byte[]> producer = topics.rawProducer()) {
            producer.send(record.call()).get(30, TimeUnit.SECONDS);
            List<JsonNode> results = awaitResults(correlationId, 1);
            if (results.size() != 1 || !"SUCCEEDED".equals(results.get(0).path("status").asText())) {
                problems.add(user.samAccountName() + ": first copy gave " + results);
                return;
            }
            long written = directory.pwdLastSet(user);
            if (written == pwdLastSetBefore.get(user) || !directory.canBind(user, password)) {
                problems.add(user.samAccountName() + ": the reset was not written");
            }
            producer.send(record.call()).get(30, TimeUnit.SECONDS);
            results = awaitResults(correlationId, 2);
            if (results.size() != 2 || !results.get(0).equals(results.get(1))) {
                problems.add(user.samAccountName() + ": the copy did not get the same result again: " + results);
            }
            if (directory.pwdLastSet(user) != written) {
                problems.add(user.samAccountName() + ": the copy wrote again (pwdLastSet moved)");
            }
            passwords.put(user, password);
        }
    }

    private List<JsonNode> awaitResults(UUID correlationId, int count) {
        try {
            return await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> resultsOf(correlationId), r -> r.size() >= count);
        } catch (ConditionTimeoutException e) {
            return resultsOf(correlationId);
        }
    }

    private List<JsonNode> resultsOf(UUID correlationId) {
        return follower.records(Topics.PASSWORD_RESULTS).stream().map(r -> json(r.value()))
                .filter(v -> v != null && correlationId.toString().equals(v.path("correlationId").asText())).toList();
    }

    // ------------------------------------------------------------------------------------------- final checks

    private void checkNothingStopped() {
        List<String> observed = new ArrayList<>();
        boolean ok = true;
        for (String service : ServiceProcesses.SERVICES) {
            Http.Response live = new Http().get(urls.get(service) + "/q/health/live", Map.of());
            boolean up = live.status() == 200 && live.body() != null && "UP".equals(live.body().path("status")
                    .asText());
            if (!up) {
                ok = false;
                failures.add(service + " is not live: " + live.status() + " " + live.rawBody());
            }
            observed.add(service + (up ? " live" : " NOT live"));
        }
        rows.add(new Row("no channel stopped", "liveness of the four services", List.of("4 live"),
                List.of(ok ? "4 live" : String.join(", ", observed)), ok));

        // a genuine change through the portal, end to end, after all of the above
        String next = TestDirectory.randomPassword();
        UUID requestId = submit(finalUser.samAccountName(), passwords.get(finalUser), next);
        JsonNode end = awaitTerminal(List.of(requestId)).get(requestId);
        boolean changed;
        try {
            changed = end != null && "SUCCEEDED".equals(end.path("status").asText())
                    && directory.canBind(finalUser, next);
        } catch (Exception e) {
            changed = false;
        }
        if (!changed) {
            failures.add("the final genuine change did not succeed: " + end);
        } else {
            passwords.put(finalUser, next);
        }
        rows.add(new Row("no channel stopped", "a genuine change through the portal at the end",
                List.of("SUCCEEDED, new password binds"), List.of(changed ? "SUCCEEDED, new password binds"
                        : "ended " + (end == null ? "not terminal" : end.path("status").asText())), changed));
    }

    private void checkNoPasswordChanged() throws Exception {
        for (TestUser user : List.of(victim, other)) {
            long now = directory.pwdLastSet(user);
            boolean same = now == pwdLastSetBefore.get(user);
            boolean binds = directory.canBind(user, passwords.get(user));
            if (!same || !binds) {
                failures.add(user.samAccountName() + "'s password changed (pwdLastSet " + pwdLastSetBefore.get(user)
                        + " → " + now + ", original binds: " + binds + ")");
            }
            rows.add(new Row("no password changed", user == victim ? "the target of every case" : "the other user",
                    List.of("pwdLastSet unchanged, original password binds"), List.of(same && binds
                            ? "pwdLastSet unchanged, original password binds" : "CHANGED"), same && binds));
        }
    }

    // ------------------------------------------------------------------------------------------- table

    private String table(int cases, long millis) {
        Map<String, List<Row>> byCategory = new LinkedHashMap<>();
        rows.forEach(r -> byCategory.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r));
        StringBuilder out = new StringBuilder();
        long ok = rows.stream().filter(Row::ok).count();
        out.append(String.format(Locale.ROOT, "%nHostile input: %d cases (%d rows), %d as expected, %d not, in %.1f s%n%n",
                cases, rows.size(), ok, rows.size() - ok, millis / 1000.0));
        out.append("| category | cases | expected | observed |\n|---|---|---|---|\n");
        byCategory.forEach((category, list) -> out.append("| ").append(category).append(" | ").append(list.size())
                .append(" | ").append(counted(list.stream().flatMap(r -> r.expected().stream()).toList()))
                .append(" | ").append(counted(list.stream().flatMap(r -> r.observed().stream()).toList()))
                .append(list.stream().allMatch(Row::ok) ? "" : " **(" + list.stream().filter(r -> !r.ok()).count()
                        + " not as expected)**")
                .append(" |\n"));
        if (!failures.isEmpty()) {
            out.append("\nNot as expected:\n");
            failures.forEach(f -> out.append("- ").append(f.replace("\n", " ")).append('\n'));
        }
        return out.toString();
    }

    private static String counted(List<String> tokens) {
        Map<String, Integer> counts = new TreeMap<>();
        tokens.forEach(t -> counts.merge(t, 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : ""))
                .collect(Collectors.joining("; ")).replace("|", "\\|");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private TestUser user() throws Exception {
        String password = TestDirectory.randomPassword();
        TestUser user = directory.createUser(password);
        passwords.put(user, password);
        return user;
    }

    private <T> List<T> parallel(List<Callable<T>> tasks) throws InterruptedException {
        List<T> values = new ArrayList<>();
        for (Future<T> future : pool.invokeAll(tasks)) {
            try {
                values.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return values;
    }

    private static ProducerRecord<String, byte[]> copy(ProducerRecord<String, byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(h -> headers.add(h.key(), h.value()));
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String value) {
        if (value == null || value.isBlank() || !value.trim().startsWith("{") || value.length() > 200_000) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Puts the settings in force before the suite back on top of the compacted topic, so that its hostile records
     * under the settings' key are compacted away.
     */
    private void restoreSettings() throws Exception {
        SettingsRecords.restore(topics, settingsBefore);
    }
}
