package io.sspr.portal.service;

import io.quarkus.scheduler.Scheduled;
import io.sspr.events.Operation;
import io.sspr.events.Operator;
import io.sspr.events.ResultCode;
import io.sspr.events.WritebackStatus;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.IncomingRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Whether a request can be written back now, from live facts, as Entra's on-premises integration blade shows it:
 * integration is Enabled when the administrator's switch is on and the worker's own switch is on; writeback is Active
 * when, besides, a worker's heartbeat is younger than {@link #MISSED_HEARTBEATS} of its intervals and reports a
 * reachable DC. Every new change, reset and unlock is refused at once while it is not Active, so nothing is accepted
 * that would only wait and expire. Heartbeats are kept per worker in memory; every instance reads the whole compacted
 * topic.
 */
@ApplicationScoped
public class WritebackStatusService {
    private static final Logger LOG = Logger.getLogger(WritebackStatusService.class);
    /** A worker is gone when this many heartbeats in a row did not come. */
    public static final int MISSED_HEARTBEATS = 3;

    public enum Integration {
        Enabled, Disabled
    }

    public enum Writeback {
        Active, Inactive
    }

    /** What the status endpoint and page show; nothing about any user, and no host names. */
    public record State(Integration integration, Writeback writeback, String reason, Instant since) {
        public boolean active() {
            return writeback == Writeback.Active;
        }
    }

    private final Map<String, WritebackStatus> heartbeats = new ConcurrentHashMap<>();
    private final SettingsService settings;
    private final OutcomeRecorder outcomes;
    private final EventVerifier verifier;
    /** When a worker last said it stops, null before. */
    private volatile Instant lastStop;
    private volatile State observed = new State(Integration.Enabled, Writeback.Inactive,
            "No writeback worker has reported yet.", Instant.now());

    public WritebackStatusService(SettingsService settings, OutcomeRecorder outcomes, EventVerifier verifier) {
        this.settings = settings;
        this.outcomes = outcomes;
        this.verifier = verifier;
        outcomes.watchWriteback(() -> state().active(), () -> state().integration() == Integration.Enabled,
                () -> heartbeatAge(Instant.now()));
    }

    /** A record of {@code sspr.writeback.status}: a worker's heartbeat, or its signed tombstone when it stops. */
    public void apply(IncomingRecord record) {
        if (record.payload() == null) {
            verifier.verifyTombstone(record, WritebackStatus.class);
            if (heartbeats.remove(record.key()) != null) {
                lastStop = Instant.now();
                LOG.infof("writeback worker %s stopped", record.key());
            }
            observe();
            return;
        }
        onHeartbeat(verifier.verify(record, WritebackStatus.class));
    }

    /** A worker's heartbeat; a newer one of the same worker replaces it. */
    void onHeartbeat(WritebackStatus status) {
        heartbeats.merge(status.workerId(), status,
                (kept, next) -> next.occurredAt().isBefore(kept.occurredAt()) ? kept : next);
        observe();
    }

    /**
     * @throws RequestRefusedException WRITEBACK_INACTIVE, recorded and audited, when writeback is not Active
     */
    public void requireActive(Operation operation, String username) {
        requireActive(operation, username, null);
    }

    /** @param staff the operator of a help-desk request (its initiator in the audit), null for the user's own */
    public void requireActive(Operation operation, String username, Operator staff) {
        if (!state().active()) {
            outcomes.refused(ResultCode.WRITEBACK_INACTIVE, username, operation, staff);
            throw new RequestRefusedException(ResultCode.WRITEBACK_INACTIVE);
        }
    }

    /** The state now; {@code since} is when this instance first saw it. */
    public State state() {
        State now = evaluate(Instant.now());
        State before = observed;
        if (before.integration() == now.integration() && before.writeback() == now.writeback()
                && before.reason().equals(now.reason())) {
            return before;
        }
        return remember(before, now);
    }

    /** Notices changes while nobody asks, so that {@code since} and the log tell when they happened. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void observe() {
        state();
    }

    private synchronized State remember(State before, State now) {
        if (observed != before) {
            return observed;
        }
        observed = now;
        if (before.writeback() != now.writeback() || before.integration() != now.integration()) {
            LOG.infof("writeback status: integration %s, writeback %s (%s)", now.integration(), now.writeback(),
                    now.reason());
        }
        return now;
    }

    /** The same state at the same time gets the same words, so that {@code since} stays put while nothing changes. */
    State evaluate(Instant now) {
        boolean adminOn = settings.current().writebackEnabled();
        List<WritebackStatus> fresh = heartbeats.values().stream().filter(h -> isFresh(h, now)).toList();
        Optional<WritebackStatus> newest = heartbeats.values().stream()
                .max(Comparator.comparing(WritebackStatus::occurredAt));
        if (!adminOn) {
            return state(Integration.Disabled, "An administrator switched password writeback off.", now);
        }
        List<WritebackStatus> switchedOn = fresh.stream().filter(WritebackStatus::writebackEnabled).toList();
        if (!fresh.isEmpty() && switchedOn.isEmpty()) {
            return state(Integration.Disabled, "Password writeback is switched off on the writeback worker.", now);
        }
        if (fresh.isEmpty() && newest.isEmpty() && lastStop != null) {
            return state(Integration.Enabled, "The writeback worker stopped at " + lastStop + ".", now);
        }
        if (fresh.isEmpty()) {
            return state(Integration.Enabled, newest.map(h -> "No writeback worker has reported since "
                    + h.occurredAt() + " (each reports every " + h.heartbeatInterval().toSeconds() + " s).")
                    .orElse("No writeback worker has reported yet."), now);
        }
        if (switchedOn.stream().noneMatch(WritebackStatus::directoryReachable)) {
            return state(Integration.Enabled, "The writeback worker cannot reach a domain controller.", now);
        }
        return new State(Integration.Enabled, Writeback.Active,
                "A writeback worker reports a reachable domain controller.", now);
    }

    private static State state(Integration integration, String reason, Instant now) {
        return new State(integration, Writeback.Inactive, reason, now);
    }

    private static boolean isFresh(WritebackStatus heartbeat, Instant now) {
        Duration age = Duration.between(heartbeat.occurredAt(), now);
        return age.compareTo(heartbeat.heartbeatInterval().multipliedBy(MISSED_HEARTBEATS)) < 0;
    }

    /** Age of the newest heartbeat of any worker; empty before the first. */
    public Optional<Duration> heartbeatAge(Instant now) {
        return heartbeats.values().stream().map(WritebackStatus::occurredAt).max(Comparator.naturalOrder())
                .map(at -> Duration.between(at, now));
    }
}
