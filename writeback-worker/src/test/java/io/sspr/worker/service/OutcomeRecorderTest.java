package io.sspr.worker.service;

import static io.sspr.worker.testing.TestEvents.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.Violation;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.worker.testing.MovableClock;
import io.sspr.worker.testing.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What one outcome leaves behind: the metrics the dashboards read, and the run status. */
class OutcomeRecorderTest {
    private final TestEvents events = new TestEvents();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WritebackStats stats = new WritebackStats(new MovableClock(NOW));
    private final OutcomeRecorder recorder = new OutcomeRecorder(stats, meters);

    @Test
    void aWriteIsCountedTimedAndListedAsTheLastSuccess() {
        PasswordValidated event = events.signed(Operation.RESET, NOW.plusSeconds(300));
        PasswordResult result = PasswordResult.succeeded(event.correlationId(), event.operation(), event.userKey(),
                event.username(), Services.WRITEBACK_WORKER, NOW);

        recorder.request(event, new WritebackOutcome(result, false, 12),
                new DirectoryWriter.Attempt(1, 12, null, RequestStatus.SUCCEEDED, null, null), System.nanoTime());

        assertEquals(1.0, meters.get("sspr.writeback.requests").tags("operation", "reset", "outcome", "SUCCEEDED",
                "code", result.code().name()).counter().count());
        assertEquals(1, meters.get("sspr.writeback.ldap").tags("operation", "reset").timer().count());
        assertEquals(Map.of("SUCCEEDED", 1L), stats.totals());
        assertEquals(NOW, stats.lastSuccess().orElseThrow());
        assertEquals(1, stats.recentRuns().get(0).attempts());
        assertTrue(stats.recentErrors().isEmpty());
    }

    @Test
    void aStoredResultSentAgainIsCountedAsResentAndNotTimed() {
        PasswordValidated event = events.signed(Operation.CHANGE, NOW.plusSeconds(300));
        PasswordResult stored = PasswordResult.succeeded(event.correlationId(), event.operation(), event.userKey(),
                event.username(), Services.WRITEBACK_WORKER, NOW);

        recorder.request(event, new WritebackOutcome(stored, true, 0), null, System.nanoTime());

        assertEquals(1.0, meters.get("sspr.writeback.requests").tags("outcome", "RESENT").counter().count());
        assertNull(meters.find("sspr.writeback.ldap").timer(), "nothing was written");
        assertEquals(Map.of("RESENT", 1L), stats.totals());
        assertTrue(stats.recentErrors().isEmpty());
    }

    @Test
    void anExpiredRequestIsAnErrorAndNotTimed() {
        PasswordValidated event = events.signed(Operation.UNLOCK, NOW.minusSeconds(1));
        PasswordResult expired = PasswordResult.unsuccessful(event.correlationId(), event.operation(),
                event.userKey(), event.username(), RequestStatus.EXPIRED, List.of(Violation.of(
                        ResultCode.REQUEST_EXPIRED)), Services.WRITEBACK_WORKER, NOW);

        recorder.request(event, new WritebackOutcome(expired, false, 0), DirectoryWriter.Attempt.none(null),
                System.nanoTime());

        assertEquals(1.0, meters.get("sspr.writeback.requests").tags("operation", "unlock", "outcome", "EXPIRED",
                "code", "REQUEST_EXPIRED").counter().count());
        assertNull(meters.find("sspr.writeback.ldap").timer());
        assertEquals(ResultCode.REQUEST_EXPIRED, stats.recentErrors().get(0).code());
    }

    @Test
    void aRefusedEventIsListedUnderWhatItClaims() {
        UUID claimed = UUID.randomUUID();
        IncomingRecord record = new IncomingRecord(Topics.PASSWORD_VALIDATED, 0, 7L, "mallory", "{}", Map.of());

        recorder.refused(record, new UnprocessableEventException(UnprocessableEventException.Reason.FORGED,
                "signature invalid", new UnprocessableEventException.Claims(claimed, "alice", "alice", null)));
        recorder.refused(record, new UnprocessableEventException(UnprocessableEventException.Reason.MALFORMED,
                "not JSON"));

        assertEquals(Map.of("REFUSED", 2L), stats.totals());
        List<WritebackStats.Run> errors = stats.recentErrors();
        assertEquals("unknown", errors.get(0).correlationId(), "nothing to read: no claims, no subject header");
        assertEquals("mallory", errors.get(0).userKey(), "the record's key");
        assertEquals(claimed.toString(), errors.get(1).correlationId());
        assertEquals("alice", errors.get(1).userKey());
    }
}
