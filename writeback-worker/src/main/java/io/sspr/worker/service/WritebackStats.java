package io.sspr.worker.service;

import io.sspr.events.PasswordValidated;
import io.sspr.events.ResultCode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The recent runs, errors and totals behind the run status and the heartbeat (like Get-ADSyncConnectorRunStatus). */
@Singleton
public class WritebackStats {
    private static final int RECENT = 50;
    private static final int RECENT_ERRORS = 20;

    /** One request as it ended; no secrets, no directory text. */
    public record Run(String correlationId, String userKey, String operation, String outcome, ResultCode code,
            int attempts, long ldapMillis, long totalMillis, Instant at) {
    }

    private final Clock clock;
    private final Deque<Run> recent = new ArrayDeque<>();
    private final Deque<Run> errors = new ArrayDeque<>();
    private final Map<String, Long> totals = new TreeMap<>();
    private Instant lastSuccess;

    /** Each entry is stamped with this clock's time as it is recorded. */
    public WritebackStats(Clock clock) {
        this.clock = clock;
    }

    public synchronized void record(PasswordValidated event, String outcome, ResultCode code, long ldapMillis,
            long totalMillis, int attempts) {
        Instant at = clock.instant();
        Run run = new Run(event.correlationId().toString(), event.userKey(), event.operation().wireName(), outcome,
                code, attempts, ldapMillis, totalMillis, at);
        push(recent, run, RECENT);
        if ("SUCCEEDED".equals(outcome)) {
            lastSuccess = at;
        } else if (!"RESENT".equals(outcome)) {
            push(errors, run, RECENT_ERRORS);
        }
        totals.merge(outcome, 1L, Long::sum);
    }

    /** A refused event (unsigned, forged, replayed, malformed): counted, and listed with the errors. */
    public synchronized void refused(String correlationId, String userKey) {
        Run run = new Run(correlationId, userKey, null, "REFUSED", null, 0, 0, 0, clock.instant());
        push(recent, run, RECENT);
        push(errors, run, RECENT_ERRORS);
        totals.merge("REFUSED", 1L, Long::sum);
    }

    private static void push(Deque<Run> runs, Run run, int limit) {
        runs.addFirst(run);
        while (runs.size() > limit) {
            runs.removeLast();
        }
    }

    public synchronized List<Run> recentRuns() {
        return List.copyOf(recent);
    }

    public synchronized List<Run> recentErrors() {
        return List.copyOf(errors);
    }

    public synchronized Map<String, Long> totals() {
        return new TreeMap<>(totals);
    }

    public synchronized Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }
}
