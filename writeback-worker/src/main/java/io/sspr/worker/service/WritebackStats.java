package io.sspr.worker.service;

import io.sspr.events.PasswordValidated;
import io.sspr.events.ResultCode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The recent runs and totals behind the run-status endpoint (like Get-ADSyncConnectorRunStatus); no secrets. */
@Singleton
public class WritebackStats {
    private static final int RECENT = 20;

    public record Run(String correlationId, String userKey, String operation, String outcome, ResultCode code,
            long ldapMillis, Instant at) {
    }

    private final Deque<Run> recent = new ArrayDeque<>();
    private final Map<String, Long> totals = new TreeMap<>();

    public synchronized void record(PasswordValidated event, String outcome, ResultCode code, long ldapMillis,
            Instant at) {
        recent.addFirst(new Run(event.correlationId().toString(), event.userKey(), event.operation().wireName(),
                outcome, code, ldapMillis, at));
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        totals.merge(outcome, 1L, Long::sum);
    }

    public synchronized List<Run> recentRuns() {
        return List.copyOf(recent);
    }

    public synchronized Map<String, Long> totals() {
        return new TreeMap<>(totals);
    }
}
