package io.sspr.worker.service;

import static io.sspr.worker.testing.TestEvents.DN;
import static io.sspr.worker.testing.TestEvents.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.worker.directory.DirectoryException;
import io.sspr.worker.directory.ResetOptions;
import io.sspr.worker.persistence.LedgerException;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.persistence.RequestClaimedException;
import io.sspr.worker.persistence.RequestLedger;
import io.sspr.worker.testing.FakeDirectory;
import io.sspr.worker.testing.InMemoryLedger;
import io.sspr.worker.testing.MovableClock;
import io.sspr.worker.testing.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The worker's rules without Kafka, PostgreSQL or a DC: signature first, the ledger (claim, redelivery, recovery),
 * expiry, retries, what is transient, and the operations.
 */
class WritebackServiceTest {
    private static final String OTHER_DC = "dc2.example.test:636";

    private final TestEvents events = new TestEvents();
    private final FakeDirectory directory = new FakeDirectory();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<Duration> pauses = new ArrayList<>();
    private final MovableClock clock = new MovableClock(NOW);
    private final WritebackStats stats = new WritebackStats(clock);
    private boolean writebackEnabled = true;
    private final WritebackService service = service(pauses::add);

    private WritebackService service(Pause pause) {
        return new WritebackService(
                new DirectoryWriter(directory, events.opener(),
                        new Backoff(4, Duration.ofMillis(200), Duration.ofMillis(500)), pause, clock,
                        AfterWriteHook.NONE),
                ledger, () -> writebackEnabled, new OutcomeRecorder(stats, new SimpleMeterRegistry()), clock);
    }

    private PasswordValidated valid(Operation operation) {
        return events.signed(operation, NOW.plusSeconds(300));
    }

    @Test
    void changeOpensBothSecretsAndSucceeds() {
        WritebackOutcome outcome = service.handle(valid(Operation.CHANGE));

        assertEquals(RequestStatus.SUCCEEDED, outcome.result().status());
        assertEquals(ResultCode.PASSWORD_CHANGED, outcome.result().code());
        assertEquals("writeback-worker", outcome.result().reportedBy());
        assertEquals(List.of("change " + DN + " Old-pass1! New-pass2!"), directory.calls());
    }

    @Test
    void resetAndAdminResetReplaceAndUnlockClearsTheLockout() {
        service.handle(valid(Operation.RESET));
        service.handle(valid(Operation.ADMIN_RESET));
        PasswordResult unlocked = service.handle(valid(Operation.UNLOCK)).result();

        assertEquals(List.of("reset " + DN + " New-pass2!", "reset " + DN + " New-pass2!", "unlock " + DN),
                directory.calls());
        assertEquals(ResultCode.ACCOUNT_UNLOCKED, unlocked.code());
    }

    @Test
    void theStartedRowNamesTheDcTheWriteWentToAndItsPwdLastSetBefore() {
        long before = directory.pwdLastSet();
        PasswordValidated event = valid(Operation.RESET);
        ledger.failNext("applied");

        assertThrows(LedgerException.class, () -> service.handle(event));

        RequestLedger.Entry started = ledger.find(event.correlationId()).orElseThrow();
        assertEquals(LedgerState.STARTED, started.state());
        assertEquals(FakeDirectory.DC, started.dc());
        assertEquals(before, started.pwdLastSetBefore());
    }

    @Test
    void anExpiredRequestIsNeverApplied() {
        WritebackOutcome outcome = service.handle(events.signed(Operation.CHANGE, NOW));

        assertEquals(RequestStatus.EXPIRED, outcome.result().status());
        assertEquals(ResultCode.REQUEST_EXPIRED, outcome.result().code());
        assertTrue(directory.calls().isEmpty());
    }

    @Test
    void aRedeliveryBeforeTheResultWasPublishedSendsTheStoredResultWithoutWriting() {
        PasswordValidated event = valid(Operation.CHANGE);

        WritebackOutcome first = service.handle(event);
        clock.set(NOW.plusSeconds(5));
        WritebackOutcome second = service.handle(event);

        assertFalse(first.resent());
        assertTrue(second.resent());
        assertEquals(first.result(), second.result(), "the stored result, same eventId and time");
        assertEquals(1, directory.calls().size());
    }

    @Test
    void aRedeliveryOfAnAnsweredRequestSendsTheStoredResultAgainAndIsNotRefused() {
        PasswordValidated event = valid(Operation.RESET);
        PasswordResult first = service.handle(event).result();
        ledger.published(event.correlationId(), NOW);

        WritebackOutcome again = service.handle(event);

        assertTrue(again.resent());
        assertEquals(first, again.result());
        assertEquals(1, directory.calls().size());
        assertEquals(1L, stats.totals().get("RESENT"));
        assertFalse(stats.totals().containsKey("REFUSED"));
        assertTrue(stats.recentErrors().isEmpty(), "a redelivery is not an error");
    }

    @Test
    void aLedgerFailureRightAfterTheWriteIsThrownAndTheRetryAnswersSucceededWithoutWritingAgain() {
        PasswordValidated event = valid(Operation.CHANGE);
        ledger.failNext("applied");

        assertThrows(LedgerException.class, () -> service.handle(event), "transient: the record is tried again");
        assertEquals(1, directory.calls().size(), "the password was written");

        WritebackOutcome retried = service.handle(event);

        assertEquals(RequestStatus.SUCCEEDED, retried.result().status());
        assertEquals(PasswordResult.eventIdFor(event.correlationId()), retried.result().eventId());
        assertEquals(1, directory.calls().size(), "not written again");
        assertEquals(List.of(FakeDirectory.DC), directory.askedAt(), "the DC that wrote was asked");
        assertEquals(LedgerState.APPLIED, ledger.find(event.correlationId()).orElseThrow().state());
    }

    @Test
    void aFailedStartedInsertWritesNothing() {
        PasswordValidated event = valid(Operation.RESET);
        ledger.failNext("started");

        assertThrows(LedgerException.class, () -> service.handle(event));

        assertTrue(directory.calls().isEmpty());
        assertEquals(RequestStatus.SUCCEEDED, service.handle(event).result().status());
        assertEquals(1, directory.calls().size());
    }

    @Test
    void aRequestAnotherInstanceHoldsIsLeftForLaterWithoutWriting() {
        PasswordValidated event = valid(Operation.RESET);

        try (RequestLedger.Claim other = ledger.claimedElsewhere(event.correlationId())) {
            assertThrows(RequestClaimedException.class, () -> service.handle(event));
        }

        assertTrue(directory.calls().isEmpty());
    }

    @Test
    void aRequestStartedBeforeACrashIsNotWrittenAgainWhenTheDcThatWroteShowsTheWrite() {
        PasswordValidated event = valid(Operation.CHANGE);
        ledger.startedBefore(event, directory.pwdLastSet(), OTHER_DC);
        directory.movePwdLastSet(); // the write happened, then the worker stopped

        PasswordResult result = service.handle(event).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertTrue(directory.calls().isEmpty());
        assertEquals(List.of(OTHER_DC), directory.askedAt(), "asked the DC the STARTED row names");
        assertEquals(LedgerState.APPLIED, ledger.find(event.correlationId()).orElseThrow().state());
    }

    @Test
    void aRequestStartedBeforeACrashIsWrittenWhenTheDcThatWroteDoesNotShowIt() {
        PasswordValidated event = valid(Operation.CHANGE);
        ledger.startedBefore(event, directory.pwdLastSet(), OTHER_DC);

        assertEquals(RequestStatus.SUCCEEDED, service.handle(event).result().status());

        assertEquals(1, directory.calls().size());
        assertEquals(List.of(OTHER_DC), directory.askedAt());
    }

    @Test
    void aTransientFailureIsRetriedWithGrowingPausesAndThenSucceeds() {
        directory.failNextWrite(FakeDirectory.unavailable());
        directory.failNextWrite(FakeDirectory.unavailable());

        PasswordResult result = service.handle(valid(Operation.RESET)).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
        assertEquals(1, directory.calls().size());
    }

    @Test
    void aDcOutageLongerThanTheRetriesIsTransientAndTheRequestSucceedsWhenTheDcIsBack() {
        PasswordValidated event = valid(Operation.RESET);
        directory.down(true);

        assertThrows(DirectoryUnavailableException.class, () -> service.handle(event));
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500)), pauses);
        assertTrue(ledger.find(event.correlationId()).isEmpty(), "no result stored: nothing is concluded");

        directory.down(false);
        clock.set(NOW.plusSeconds(60));

        assertEquals(RequestStatus.SUCCEEDED, service.handle(event).result().status());
        assertEquals(1, directory.calls().size());
    }

    /** The person is told writeback is down, not that they were too slow. */
    @Test
    void aDcOutageThatOutlastsTheExpiryEndsWritebackInactiveWhenNothingWasWritten() {
        PasswordValidated event = valid(Operation.RESET);
        directory.down(true);
        assertThrows(DirectoryUnavailableException.class, () -> service.handle(event));
        clock.set(NOW.plusSeconds(301));

        PasswordResult result = service.handle(event).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.WRITEBACK_INACTIVE, result.code());
        assertTrue(directory.calls().isEmpty());
        assertEquals(result, service.handle(event).result(), "stored: a redelivery gets the same result");
    }

    @Test
    void aRequestWhoseTimeRunsOutWhileNoDcAnswersTheRetriesEndsWritebackInactive() {
        directory.down(true);
        WritebackService expiring = service(d -> clock.set(NOW.plusSeconds(301)));

        PasswordResult result = expiring.handle(valid(Operation.RESET)).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.WRITEBACK_INACTIVE, result.code());
        assertTrue(directory.calls().isEmpty());
    }


    @Test
    void aWriteThatMayHaveHappenedIsNeverCalledExpiredWhileTheDcCannotSay() {
        PasswordValidated event = valid(Operation.RESET);
        directory.loseAnswerOfNextWrite();
        directory.duringWrite(() -> directory.down(true)); // written, then the DC went away
        assertThrows(DirectoryUnavailableException.class, () -> service.handle(event));
        clock.set(NOW.plusSeconds(301));

        assertThrows(DirectoryUnavailableException.class, () -> service.handle(event),
                "past its expiry, but only the DC knows whether it was written");

        directory.duringWrite(() -> {
        });
        directory.down(false);
        PasswordResult result = service.handle(event).result();
        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(1, directory.calls().size());
    }

    @Test
    void aWriteWhoseAnswerWasLostIsRecognisedInsteadOfRepeated() {
        directory.loseAnswerOfNextWrite();

        PasswordResult result = service.handle(valid(Operation.CHANGE)).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(1, directory.calls().size(), "written once, although the first answer was a timeout");
        assertEquals(List.of(FakeDirectory.DC), directory.askedAt());
    }

    @Test
    void aPolicyRefusalIsNeverRetried() {
        directory.failNextWrite(new DirectoryException(ResultCode.PASSWORD_IN_HISTORY, "0000052D: history", null));

        PasswordResult result = service.handle(valid(Operation.CHANGE)).result();

        assertEquals(ResultCode.PASSWORD_IN_HISTORY, result.code());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aRequestThatExpiresWhileRetryingIsNotApplied() {
        directory.failNextWrite(FakeDirectory.unavailable());
        WritebackService expiring = service(d -> clock.set(NOW.plusSeconds(301)));

        PasswordResult result = expiring.handle(valid(Operation.RESET)).result();

        assertEquals(RequestStatus.EXPIRED, result.status());
        assertTrue(directory.calls().isEmpty());
    }

    @Test
    void withWritebackSwitchedOffNothingIsWritten() {
        writebackEnabled = false;

        PasswordResult result = service.handle(valid(Operation.RESET)).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.WRITEBACK_INACTIVE, result.code());
        assertTrue(directory.calls().isEmpty());
    }

    @Test
    void aSelfServiceResetAsksForHistoryAndMustChangeIsPassedOn() {
        service.handle(valid(Operation.RESET));
        PasswordValidated byAdmin = events.event(Operation.ADMIN_RESET, NOW.plusSeconds(300));
        service.handle(events.signed(new PasswordValidated(byAdmin.eventId(), byAdmin.correlationId(),
                byAdmin.occurredAt(), byAdmin.expiresAt(), byAdmin.schemaVersion(), byAdmin.requestEventId(),
                byAdmin.operation(), byAdmin.userKey(), byAdmin.username(), byAdmin.userDn(), byAdmin.objectGuid(),
                null, byAdmin.sealedNewPassword(), true)));

        assertEquals(List.of(new ResetOptions(true, false), new ResetOptions(false, true)),
                directory.resetOptions());
    }

    @Test
    void aDirectoryRefusalBecomesAFailureWithTheCodesOwnMessage() {
        directory.failEveryWrite(new DirectoryException(ResultCode.PASSWORD_TOO_SHORT,
                "0000052D: Constraint violation - check_password_restrictions: the password is too short.", null));

        PasswordResult result = service.handle(valid(Operation.CHANGE)).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.PASSWORD_TOO_SHORT, result.code());
        assertEquals(ResultCode.PASSWORD_TOO_SHORT.defaultMessage(), result.message());
        assertEquals(ResultCode.PASSWORD_TOO_SHORT, result.violations().get(0).code());
    }

    @Test
    void aSecretThatDoesNotOpenFailsWithoutTouchingTheDirectoryOrStartingAWrite() {
        PasswordValidated event = events.event(Operation.CHANGE, NOW.plusSeconds(300));
        // Sealed for another request: the context does not match, so it cannot be replayed here.
        String foreign = events.sealer().seal(Secret.of("New-pass2!"), new SealingContext(UUID.randomUUID(),
                event.userKey(), Operation.CHANGE, SealingContext.Field.NEW_PASSWORD));
        PasswordValidated swapped = events.signed(new PasswordValidated(event.eventId(), event.correlationId(),
                event.occurredAt(), event.expiresAt(), event.schemaVersion(), event.requestEventId(),
                event.operation(), event.userKey(), event.username(), event.userDn(), event.objectGuid(),
                event.sealedCurrentPassword(), foreign, false));

        PasswordResult result = service.handle(swapped).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.INTERNAL_ERROR, result.code());
        assertTrue(directory.calls().isEmpty());
        assertEquals(null, ledger.find(swapped.correlationId()).orElseThrow().pwdLastSetBefore(),
                "never STARTED: nothing to recover");
    }
}
