package io.sspr.worker.service;

import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.Violation;
import io.sspr.worker.directory.DirectoryAccount;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.persistence.RequestLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Applies one verified request exactly once: the ledger's claim first (a request already answered gets its stored
 * result again; one that was started is recovered by asking the DC that wrote whether the write happened), then
 * expiry, then the writeback switch (off: FAILED WRITEBACK_INACTIVE), then the write with retries. A request whose
 * time runs out while no DC answers, with nothing written, also ends WRITEBACK_INACTIVE. Returns the one result to
 * publish, its outcome recorded by the {@link OutcomeRecorder}; never logs or returns a password. Anything that may
 * succeed later (ledger, DC, another instance holding the request) is thrown.
 */
@ApplicationScoped
public class WritebackService {
    private static final Logger LOG = Logger.getLogger(WritebackService.class);
    private static final String NO_DC_UNTIL_EXPIRY = "no DC answered before the request expired";

    private final DirectoryWriter writer;
    private final RequestLedger ledger;
    private final WritebackSwitch writebackSwitch;
    private final OutcomeRecorder recorder;
    private final Clock clock;
    /**
     * Requests whose last try here found no DC, until they end: the failure rule tries such a record again, and if
     * its time ran out meanwhile it ends WRITEBACK_INACTIVE rather than EXPIRED. Another instance taking the record
     * over does not know, and says EXPIRED.
     */
    private final Set<UUID> unreachable = ConcurrentHashMap.newKeySet();

    public WritebackService(DirectoryWriter writer, RequestLedger ledger, WritebackSwitch writebackSwitch,
            OutcomeRecorder recorder, Clock clock) {
        this.writer = writer;
        this.ledger = ledger;
        this.writebackSwitch = writebackSwitch;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * @param event verified: signed by the validator ({@link ValidatedRequestHandler} reads it through the
     *        EventVerifier)
     * @throws RuntimeException anything transient: the ledger, the DC past its retries, another instance on it
     */
    public WritebackOutcome handle(PasswordValidated event) {
        long started = System.nanoTime();

        try (RequestLedger.Claim claim = ledger.claim(event.correlationId())) {
            Optional<RequestLedger.Entry> known = claim.entry();
            if (known.isPresent() && known.get().state() != LedgerState.STARTED) {
                return resend(event, known.get(), started);
            }
            Instant now = clock.instant();
            boolean mayHaveWritten = known.isPresent();
            if (!mayHaveWritten && event.isExpiredAt(now)) {
                // Out of time; when this worker's last try found no DC, the person is told writeback is down.
                return unreachable.contains(event.correlationId())
                        ? inactive(claim, event, now, NO_DC_UNTIL_EXPIRY, started)
                        : conclude(claim, event, null,
                                unsuccessful(event, RequestStatus.EXPIRED, ResultCode.REQUEST_EXPIRED, now),
                                DirectoryWriter.Attempt.none(null), started);
            }
            if (!mayHaveWritten && !writebackSwitch.enabled()) {
                return inactive(claim, event, now, "writeback is switched off (the worker's or the admin's switch)",
                        started);
            }

            DirectoryWriter.Attempt attempt;
            try {
                attempt = writer.write(event, claim);
            } catch (DirectoryUnavailableException e) {
                // Remembered until the request ends, in case its time runs out before the DC is back.
                unreachable.add(event.correlationId());
                Instant failed = clock.instant();
                if (!e.mayHaveWritten() && event.isExpiredAt(failed)) {
                    return inactive(claim, event, failed, NO_DC_UNTIL_EXPIRY, started);
                }
                throw e; // the failure rule tries the record again
            }
            Instant done = clock.instant();
            PasswordResult result = attempt.failure() == null
                    ? PasswordResult.succeeded(event.correlationId(), event.operation(), event.userKey(),
                            event.username(), Services.WRITEBACK_WORKER, done)
                    : unsuccessful(event, attempt.status(), attempt.failure(), done);
            return conclude(claim, event, attempt.account(), result, attempt, started);
        }
    }

    /**
     * The stored result, as it was first sent (same eventId, same time): APPLIED means Kafka may never have had it;
     * PUBLISHED means a normal redelivery (an offset not committed before a restart or a rebalance).
     */
    private WritebackOutcome resend(PasswordValidated event, RequestLedger.Entry entry, long started) {
        PasswordResult stored = entry.result().orElseThrow(() -> new IllegalStateException(
                "ledger row " + entry.state() + " without a result"));
        LOG.infof("writeback correlationId=%s: %s, the stored result is sent again", event.correlationId(),
                entry.state() == LedgerState.PUBLISHED ? "a redelivery of a request already answered"
                        : "a request applied before its result reached Kafka");
        return finish(event, new WritebackOutcome(stored, true, 0), null, started);
    }

    /** Nothing written, and writeback cannot be done now: switched off, or no DC answered within the expiry. */
    private WritebackOutcome inactive(RequestLedger.Claim claim, PasswordValidated event, Instant now, String why,
            long started) {
        return conclude(claim, event, null,
                unsuccessful(event, RequestStatus.FAILED, ResultCode.WRITEBACK_INACTIVE, now),
                DirectoryWriter.Attempt.none(why), started);
    }

    /** Stores the result before it is published, so a crash from here on never writes again. */
    private WritebackOutcome conclude(RequestLedger.Claim claim, PasswordValidated event, DirectoryAccount account,
            PasswordResult result, DirectoryWriter.Attempt attempt, long started) {
        claim.applied(event, account == null ? event.userDn() : account.dn(), result, clock.instant());
        return finish(event, new WritebackOutcome(result, false, attempt.ldapMillis()), attempt, started);
    }

    private static PasswordResult unsuccessful(PasswordValidated event, RequestStatus status, ResultCode code,
            Instant now) {
        // The code's own message only: the directory's words stay in the log.
        return PasswordResult.unsuccessful(event.correlationId(), event.operation(), event.userKey(),
                event.username(), status, List.of(Violation.of(code)), Services.WRITEBACK_WORKER, now);
    }

    /** Recorded once per request (log line, metrics, run status), whatever the outcome. */
    private WritebackOutcome finish(PasswordValidated event, WritebackOutcome outcome, DirectoryWriter.Attempt attempt,
            long startedNanos) {
        unreachable.remove(event.correlationId());
        recorder.request(event, outcome, attempt, startedNanos);
        return outcome;
    }
}
