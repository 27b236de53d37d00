package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.sspr.events.Topics;
import io.sspr.events.testing.RealParts;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fault drill (issue 11): a burst of {@value #BURST} password changes of different users, most valid and every
 * {@value #REFUSED_EVERY}th one refused by the validator (too short, or not complex), submitted at once to the portal
 * of the four services running as processes on the real parts; once the first changes have succeeded, while the rest
 * are in flight, the subclass's {@link Fault}; then, for every request:
 * <ol type="a">
 * <li>it reaches a terminal state on the portal by its expiry;</li>
 * <li>the portal agrees with the directory: a SUCCEEDED request's new password binds, any other's does not;</li>
 * <li>the directory wrote each succeeded request's password once and no other's (the {@code unicodePwd} version in
 * {@code replPropertyMetaData});</li>
 * <li>the audit service holds one record of the request and one of its result.</li>
 * </ol>
 * Each drill adds a row to {@code e2e/target/fault-table.md}. A part a drill stops is always started again.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
abstract class FaultDrill {
    static final int BURST = 80;
    static final int REFUSED_EVERY = 4;
    /** The fault comes once this many changes of the burst have succeeded. */
    static final int SUCCEEDED_BEFORE_FAULT = 3;
    static final int MIN_IN_FLIGHT = 50;
    /** The portal's {@code sspr.portal.request-ttl} and {@code sspr.portal.expiry-grace}. */
    static final Duration REQUEST_TTL = Duration.ofMinutes(5);
    static final Duration EXPIRY_GRACE = Duration.ofSeconds(30);
    static final Duration AUDIT_CATCH_UP = Duration.ofSeconds(90);
    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "REJECTED", "FAILED", "EXPIRED");
    private static final int SHOWN = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Letters and digits that occur in none of the accounts' names ("Erin Tester", "e2e" + hex), so a valid change
     * is never refused for resembling them (the validator's name rules match fuzzily).
     */
    private static final String NAME_FREE = "ghjkmopquvwyzGHJKMPQUVWYZ";

    private static DrillUsers users;

    /** The accounts, once per JVM for all drills; deleted when the JVM's tests are done. */
    @RegisterExtension
    static final BeforeAllCallback USERS = context -> users = context.getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .computeIfAbsent(DrillUsers.class, key -> createUsers(), DrillUsers.class);

    private final Http http = new Http();
    private final long started = System.nanoTime();

    /** The fault of this drill. */
    protected abstract Fault fault();

    enum Kind {
        VALID, TOO_SHORT, NOT_COMPLEX
    }

    /** One request of the burst and what became of it. */
    static final class Change {
        final DrillUsers.Account account;
        final Kind kind;
        final String oldPassword;
        final String newPassword;
        volatile String requestId;
        volatile String notAccepted;
        String status = "ACCEPTED";
        String code = "";
        Instant expiresAt;
        Instant updatedAt;
        int writes;
        boolean newBinds;
        boolean noPasswordBinds;
        int requestRecords;
        int resultRecords;
        /** Results on sspr.password.results for the request. */
        int published;

        Change(DrillUsers.Account account, Kind kind, String newPassword) {
            this.account = account;
            this.kind = kind;
            this.oldPassword = account.password;
            this.newPassword = newPassword;
        }

        String describe() {
            return "request " + requestId + " (" + account.name() + ", " + kind + ", portal " + status
                    + (code.isEmpty() ? "" : " " + code) + ")";
        }
    }

    @Test
    void everyRequestEndsOnceAndAsTheDirectorySaysThroughTheFault() throws Exception {
        RunningStack parts = RunningStack.fromEnvironment();
        TestDirectory directory = new TestDirectory(parts);
        PasswordWrites writes = PasswordWrites.fromEnvironment(parts);
        Fault fault = fault();
        String label = getClass().getSimpleName();
        List<String> problems = new ArrayList<>();

        List<Change> burst = plan();
        List<String> names = burst.stream().map(c -> c.account.name()).toList();
        Map<String, Integer> before = writes.versions(names);
        awaitNoServiceInstances(parts);

        Instant recoveredAt;
        int inFlight;
        try (ServiceProcesses services = ServiceProcesses.start(parts, label);
                ResultWatch watch = new ResultWatch(parts)) {
            say("services ready");
            submit(services, burst);
            List<String> ids = burst.stream().map(c -> c.requestId).toList();
            say(ids.size() + " requests accepted");
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> watch.succeeded(ids) >= SUCCEEDED_BEFORE_FAULT);
            } catch (ConditionTimeoutException e) {
                fail("before any fault, fewer than " + SUCCEEDED_BEFORE_FAULT + " of the burst's changes succeeded "
                        + "within 90 s (" + watch.finished(ids) + " results): the pipeline does not work; see "
                        + services.logFiles());
            }
            inFlight = BURST - watch.finished(ids);
            say(fault.name() + " with " + inFlight + " of " + BURST + " requests in flight");
            if (inFlight < MIN_IN_FLIGHT) {
                problems.add("only " + inFlight + " requests were in flight at the fault; the drill needs "
                        + MIN_IN_FLIGHT + " (make the burst bigger)");
            }

            Fault.Stage stage = new Fault.Stage(parts, services, problems);
            try {
                fault.inject(stage);
            } finally {
                fault.repair(stage);
            }
            recoveredAt = Instant.now();
            say(fault.name() + ": over, the part is back");

            awaitTerminal(services, burst);
            say(count(burst, c -> TERMINAL.contains(c.status)) + " of " + BURST + " requests terminal on the portal");
            countAuditRecords(parts, services, burst);
            say("audit records counted");
            burst.forEach(c -> c.published = watch.resultsFor(c.requestId));
            stopAtOnce(parts, services);
        }
        say("services stopped");
        // The services are gone: nothing can write any more, so the count of writes is final.
        checkDirectory(directory, writes, burst, before);

        FaultTable.Row row = tabulate(fault, burst, inFlight, recoveredAt);
        FaultTable.record(parts.repoRoot().resolve("e2e/target/fault-table.md"), row);
        say("outcomes " + new TreeMap<>(burst.stream()
                .collect(Collectors.groupingBy(c -> c.status + " " + c.code, Collectors.counting()))));
        problems.addAll(findings(burst));
        if (!problems.isEmpty()) {
            fail(fault.name() + " with " + inFlight + " requests in flight:\n  " + String.join("\n  ", problems)
                    + "\n(service logs: e2e/target/service-logs/" + label + "-*.log)");
        }
    }

    /** A progress line with the seconds since the drill started (never a password). */
    private void say(String what) {
        System.out.printf(java.util.Locale.ROOT, "drill %s +%.1f s: %s%n", getClass().getSimpleName(),
                (System.nanoTime() - started) / 1e9, what);
    }

    private static DrillUsers createUsers() {
        try {
            long started = System.nanoTime();
            DrillUsers users = new DrillUsers(new TestDirectory(RunningStack.fromEnvironment()), BURST);
            System.out.printf(java.util.Locale.ROOT, "drill: %d test users created in %.1f s%n", BURST,
                    (System.nanoTime() - started) / 1e9);
            return users;
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalStateException("cannot reach the DC: " + RealParts.HINT, e);
        }
    }

    /** Every account once: three in four valid changes, the fourth refused by the validator. */
    private static List<Change> plan() throws Exception {
        users.settle();
        List<Change> burst = new ArrayList<>();
        List<DrillUsers.Account> accounts = users.accounts();
        for (int i = 0; i < accounts.size(); i++) {
            Kind kind = i % REFUSED_EVERY != REFUSED_EVERY - 1 ? Kind.VALID
                    : (i / REFUSED_EVERY) % 2 == 0 ? Kind.TOO_SHORT : Kind.NOT_COMPLEX;
            String password = switch (kind) {
                case VALID -> "Pw-" + random(NAME_FREE, 14) + "!7x";
                case TOO_SHORT -> "Q" + random("abcdefghijkmnopqrstuvwxyz23456789", 4);
                case NOT_COMPLEX -> random("abcdefghijkmnopqrstuvwxyz", 16);
            };
            burst.add(new Change(accounts.get(i), kind, password));
            accounts.get(i).pending = password;
        }
        return burst;
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A killed service of the previous drill stays in its group until its session ends; the next drill waits. */
    private static void awaitNoServiceInstances(RunningStack parts) {
        List<String> groups = ServiceProcesses.SERVICES.stream().map(s -> "sspr-" + s).toList();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> busyGroups(parts, groups).isEmpty());
        } catch (ConditionTimeoutException e) {
            // ServiceProcesses.start names the busy groups
        }
    }

    private static List<String> busyGroups(RunningStack parts, List<String> groups) {
        try {
            return ConsumerGroups.withMembers(parts, groups);
        } catch (Exception e) {
            return fail("Kafka at " + parts.kafkaBootstrapServers() + " did not answer (" + e + "): "
                    + RealParts.HINT);
        }
    }

    private void submit(ServiceProcesses services, List<Change> burst) throws InterruptedException {
        String url = services.url("reset-portal") + "/api/v1/password-changes";
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            for (Change change : burst) {
                clients.execute(() -> {
                    try {
                        Http.Response response = http.postJson(url, Map.of("username", change.account.name(),
                                "currentPassword", change.oldPassword, "newPassword", change.newPassword));
                        if (response.status() == 202) {
                            change.requestId = response.body().get("requestId").asText();
                        } else {
                            change.notAccepted = "HTTP " + response.status() + " "
                                    + (response.body() == null ? "" : response.body().path("code").asText());
                        }
                    } catch (RuntimeException e) {
                        change.notAccepted = e.toString();
                    }
                });
            }
        } finally {
            clients.shutdown();
            clients.awaitTermination(2, TimeUnit.MINUTES);
        }
        List<String> refused = burst.stream().filter(c -> c.requestId == null)
                .map(c -> c.account.name() + ": " + c.notAccepted).toList();
        if (!refused.isEmpty()) {
            fail("before any fault, the portal did not accept " + refused.size() + " of " + burst.size()
                    + " requests: " + refused.subList(0, Math.min(SHOWN, refused.size())));
        }
    }

    /** Polls the portal for every request still open until none is, or the last one's expiry (plus grace) passed. */
    private void awaitTerminal(ServiceProcesses services, List<Change> burst) {
        String status = services.url("reset-portal") + "/api/v1/requests/";
        Instant fallback = Instant.now().plus(REQUEST_TTL);
        pollOpen(status, burst);
        Instant lastExpiry = burst.stream().map(c -> c.expiresAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(fallback);
        Duration wait = Duration.between(Instant.now(), lastExpiry.plus(EXPIRY_GRACE).plusSeconds(10));
        try {
            await().atMost(wait.isNegative() ? Duration.ofSeconds(1) : wait).pollInterval(Duration.ofMillis(250))
                    .until(() -> pollOpen(status, burst) == 0);
        } catch (ConditionTimeoutException e) {
            // reported as not terminal
        }
    }

    /** One round of status reads, one request after the other (light on the portal); returns how many are open. */
    private int pollOpen(String statusUrl, List<Change> burst) {
        int open = 0;
        for (Change change : burst) {
            if (TERMINAL.contains(change.status)) {
                continue;
            }
            try {
                Http.Response response = http.get(statusUrl + change.requestId, Map.of());
                if (response.status() == 200 && response.body() != null) {
                    JsonNode body = response.body();
                    change.status = body.path("status").asText();
                    change.code = body.path("code").asText();
                    change.expiresAt = instant(body.path("expiresAt"));
                    change.updatedAt = instant(body.path("updatedAt"));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // the portal does not answer (yet): the request counts as open
            }
            if (!TERMINAL.contains(change.status)) {
                open++;
            }
        }
        return open;
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    /**
     * Waits until the audit service has consumed every request and result that was on the topics when the last
     * request ended (its committed offsets), then reads each request's records.
     */
    private void countAuditRecords(RunningStack parts, ServiceProcesses services, List<Change> burst) throws Exception {
        Map<TopicPartition, Long> ends = ConsumerGroups.endOffsets(parts,
                List.of(Topics.PASSWORD_REQUESTED, Topics.PASSWORD_RESULTS));
        try {
            await().atMost(AUDIT_CATCH_UP).pollInterval(Duration.ofMillis(500))
                    .until(() -> auditBehind(parts, ends) == 0);
        } catch (ConditionTimeoutException e) {
            System.out.printf("drill: %d s after the last request ended, the audit service had not committed %s%n",
                    AUDIT_CATCH_UP.toSeconds(), ConsumerGroups.behindByPartition(parts, "sspr-audit-service", ends));
        }
        String audit = services.url("audit-service") + "/api/v1/audit/events?limit=100&correlationId=";
        Map<String, String> auditor = Map.of("Authorization", "Bearer " + parts.auditorToken());
        for (Change change : burst) {
            Http.Response response;
            try {
                response = http.get(audit + change.requestId, auditor);
            } catch (RuntimeException e) {
                fail("the audit service did not answer (" + e + "): see " + services.logFile("audit-service"));
                return;
            }
            if (response.status() != 200 || response.body() == null) {
                fail("the audit API answered " + response.status() + ": " + response.rawBody());
            }
            for (JsonNode record : response.body().path("value")) {
                for (JsonNode detail : record.path("additionalDetails")) {
                    if ("stage".equals(detail.path("key").asText())) {
                        switch (detail.path("value").asText()) {
                            case "requested" -> change.requestRecords++;
                            case "result" -> change.resultRecords++;
                            default -> {
                            }
                        }
                    }
                }
            }
        }
    }

    private static long auditBehind(RunningStack parts, Map<TopicPartition, Long> ends) {
        try {
            return ConsumerGroups.behind(parts, "sspr-audit-service", ends);
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Ends the services at once when the drill is done (nothing is in flight any more): a graceful stop costs up to
     * 15 s (the worker's six consumers leave their group one by one) and the stops are drilled on their own. Their
     * group memberships are removed with them, so the next drill's services start without waiting for sessions to end.
     */
    private static void stopAtOnce(RunningStack parts, ServiceProcesses services) throws InterruptedException {
        for (String service : ServiceProcesses.SERVICES) {
            services.process(service).destroyForcibly();
        }
        for (String service : ServiceProcesses.SERVICES) {
            services.process(service).waitFor(30, TimeUnit.SECONDS);
        }
        try {
            ConsumerGroups.removeAllMembers(parts, ServiceProcesses.SERVICES.stream().map(s -> "sspr-" + s).toList());
        } catch (Exception e) {
            System.out.println("drill: could not end the killed services' group memberships (" + e
                    + "); the next drill waits for their sessions to end");
        }
    }

    /** Reads the writes of the burst's accounts and tries each new password; keeps the pool's passwords true. */
    private static void checkDirectory(TestDirectory directory, PasswordWrites writes, List<Change> burst,
            Map<String, Integer> before) throws Exception {
        Map<String, Integer> after = writes.versions(burst.stream().map(c -> c.account.name()).toList());
        for (Change change : burst) {
            String name = change.account.name();
            if (!before.containsKey(name) || !after.containsKey(name)) {
                fail("the DC's sam.ldb has no unicodePwd metadata for " + name);
            }
            change.writes = after.get(name) - before.get(name);
            change.newBinds = directory.canBind(change.account.user, change.newPassword);
            if (change.newBinds) {
                change.account.password = change.newPassword;
            } else if (!directory.canBind(change.account.user, change.oldPassword)) {
                change.noPasswordBinds = true; // reported; a known password lets the next drills use the account
                users.resetPassword(change.account);
            }
            change.account.pending = null;
        }
    }

    private static FaultTable.Row tabulate(Fault fault, List<Change> burst, int inFlight, Instant recoveredAt) {
        int notTerminal = count(burst, c -> !TERMINAL.contains(c.status));
        Instant lastEnded = burst.stream().map(c -> c.updatedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(recoveredAt);
        Duration recovery = Duration.between(recoveredAt, lastEnded);
        return new FaultTable.Row(fault.name(), burst.size(), inFlight,
                count(burst, c -> c.status.equals("SUCCEEDED")), count(burst, c -> c.status.equals("REJECTED")),
                count(burst, c -> c.status.equals("FAILED") || c.status.equals("EXPIRED")), notTerminal,
                count(burst, c -> c.published == 0),
                count(burst, FaultDrill::disagrees),
                burst.stream().mapToInt(c -> Math.max(0, c.writes - 1)).sum(),
                burst.stream().mapToInt(c -> (c.requestRecords == 0 ? 1 : 0) + (c.resultRecords == 0 ? 1 : 0)).sum(),
                burst.stream().mapToInt(c -> Math.max(0, c.requestRecords - 1) + Math.max(0, c.resultRecords - 1))
                        .sum(),
                recovery.isNegative() ? Duration.ZERO : recovery);
    }

    /** The portal and the directory tell different stories: the bind, or the number of writes. */
    private static boolean disagrees(Change change) {
        boolean succeeded = change.status.equals("SUCCEEDED");
        return succeeded != change.newBinds || succeeded != (change.writes >= 1) || change.noPasswordBinds;
    }

    private static List<String> findings(List<Change> burst) {
        List<String> findings = new ArrayList<>();
        add(findings, "not terminal on the portal by their expiry", burst.stream()
                .filter(c -> !TERMINAL.contains(c.status)).map(Change::describe).toList());
        add(findings, "that the pipeline never answered (no result on " + Topics.PASSWORD_RESULTS
                + "; the portal can only expire them by its own clock)", burst.stream()
                .filter(c -> c.published == 0).map(Change::describe).toList());
        add(findings, "where the portal and the directory disagree", burst.stream().filter(FaultDrill::disagrees)
                .map(c -> c.describe() + ": new password " + (c.newBinds ? "binds" : "does not bind")
                        + (c.noPasswordBinds ? ", nor does the old one" : "") + ", " + c.writes
                        + " password write(s)")
                .toList());
        add(findings, "written more than once", burst.stream().filter(c -> c.writes > 1)
                .map(c -> c.describe() + ": " + c.writes + " password writes").toList());
        add(findings, "without exactly one audit record of the request and one of the result", burst.stream()
                .filter(c -> c.requestRecords != 1 || c.resultRecords != 1)
                .map(c -> c.describe() + ": " + c.requestRecords + " request and " + c.resultRecords
                        + " result record(s)")
                .toList());
        return findings;
    }

    private static void add(List<String> findings, String what, List<String> cases) {
        if (cases.isEmpty()) {
            return;
        }
        findings.add(cases.size() + " request(s) " + what + ":");
        cases.stream().limit(SHOWN).forEach(c -> findings.add("  " + c));
        if (cases.size() > SHOWN) {
            findings.add("  ... and " + (cases.size() - SHOWN) + " more");
        }
    }

    private static int count(List<Change> burst, java.util.function.Predicate<Change> test) {
        return (int) burst.stream().filter(test).count();
    }
}
