package io.sspr.worker.service;

import static io.sspr.worker.testing.TestEvents.DN;
import static io.sspr.worker.testing.TestEvents.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.worker.directory.DirectoryException;
import io.sspr.worker.persistence.LedgerException;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.testing.FakeDirectory;
import io.sspr.worker.testing.InMemoryLedger;
import io.sspr.worker.testing.MovableClock;
import io.sspr.worker.testing.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VERIFY_PASSWORD without Kafka, PostgreSQL or a DC: one bind as the user at most, whatever happens to the request
 * (redelivery, a lost ledger write, a lost answer); only failures before the bind are retried; nothing is written.
 * The same against the real Samba DC and PostgreSQL: {@code PasswordVerificationIT}.
 */
class PasswordVerifierTest {
    private static final String BIND = "bind " + DN;

    private final TestEvents events = new TestEvents();
    private final FakeDirectory directory = new FakeDirectory();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<Duration> pauses = new ArrayList<>();
    private final MovableClock clock = new MovableClock(NOW);
    private final WritebackService service = new WritebackService(
            new DirectoryWriter(directory, events.opener(),
                    new Backoff(3, Duration.ofMillis(200), Duration.ofMillis(500)), pauses::add, clock,
                    () -> {
                        throw new AssertionError("a password check is not a write");
                    }),
            ledger, () -> true, new OutcomeRecorder(new WritebackStats(clock), new SimpleMeterRegistry()), clock);

    private PasswordValidated verify(String currentPassword) {
        return events.event(Operation.VERIFY_PASSWORD, currentPassword, NOW.plusSeconds(300));
    }

    @Test
    void theRightPasswordIsConfirmedByOneBindAndNothingIsWritten() {
        PasswordResult result = service.handle(verify(TestEvents.CURRENT_PASSWORD)).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_CONFIRMED, result.code());
        assertEquals(List.of(BIND), directory.calls(), "one bind, no write");
    }

    @Test
    void aWrongPasswordFailsAsWrongAndItsRedeliveryDoesNotBindAgain() {
        PasswordValidated event = verify("Not-the-pass1");

        PasswordResult first = service.handle(event).result();
        ledger.published(event.correlationId(), NOW);
        WritebackOutcome again = service.handle(event);

        assertEquals(RequestStatus.FAILED, first.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, first.code());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG.defaultMessage(), first.message(),
                "the code's own message, never the DC's words");
        assertTrue(again.resent());
        assertEquals(first, again.result());
        assertEquals(List.of(BIND), directory.calls(), "the redelivery did not bind a second time");
    }

    @Test
    void aBindWhoseOutcomeWasNotStoredIsNeverRepeated() {
        PasswordValidated event = verify("Not-the-pass1");
        ledger.failNext("applied");

        assertThrows(LedgerException.class, () -> service.handle(event), "transient: the record is tried again");
        assertEquals(LedgerState.STARTED, ledger.find(event.correlationId()).orElseThrow().state());
        assertEquals(FakeDirectory.DC, ledger.find(event.correlationId()).orElseThrow().dc());

        PasswordResult retried = service.handle(event).result();

        assertEquals(RequestStatus.FAILED, retried.status());
        assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, retried.code(), "the answer is unknown: the person tries again");
        assertEquals(List.of(BIND), directory.calls(), "one bind only");
        assertEquals(LedgerState.APPLIED, ledger.find(event.correlationId()).orElseThrow().state());
    }

    @Test
    void aBindWhoseAnswerWasLostIsNotRetried() {
        directory.failNextBind(new DirectoryException(ResultCode.DIRECTORY_UNAVAILABLE, "response timeout", null));

        PasswordResult result = service.handle(verify(TestEvents.CURRENT_PASSWORD)).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, result.code());
        assertEquals(List.of(BIND), directory.calls());
        assertTrue(pauses.isEmpty(), "no retry after the bind was sent");
    }

    @Test
    void aDcThatCannotBeReachedIsRetriedSinceNoBindWasSentAndTheRequestWaitsForIt() {
        PasswordValidated event = verify(TestEvents.CURRENT_PASSWORD);
        directory.down(true);

        assertThrows(DirectoryUnavailableException.class, () -> service.handle(event));
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
        assertTrue(ledger.find(event.correlationId()).isEmpty(), "nothing started, nothing concluded");

        directory.down(false);
        assertEquals(ResultCode.CURRENT_PASSWORD_CONFIRMED, service.handle(event).result().code());
        assertEquals(List.of(BIND), directory.calls());
    }

    @Test
    void lockedAndDisabledAccountsAreAnsweredWithoutABind() {
        directory.accountState(0, 0x10);
        assertEquals(ResultCode.ACCOUNT_LOCKED, service.handle(verify(TestEvents.CURRENT_PASSWORD)).result().code());
        directory.accountState(0x2, 0);
        assertEquals(ResultCode.ACCOUNT_DISABLED, service.handle(verify(TestEvents.CURRENT_PASSWORD)).result().code());
        assertTrue(directory.calls().isEmpty());
    }

    @Test
    void theDcsAccountAnswersKeepTheirCodes() {
        directory.failNextBind(new DirectoryException(ResultCode.ACCOUNT_LOCKED,
                "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 775, v1db1", null));

        PasswordResult result = service.handle(verify(TestEvents.CURRENT_PASSWORD)).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.ACCOUNT_LOCKED, result.code());
    }

    @Test
    void anExpiredRequestBindsNothing() {
        PasswordValidated event = events.event(Operation.VERIFY_PASSWORD, TestEvents.CURRENT_PASSWORD, NOW);

        assertEquals(RequestStatus.EXPIRED, service.handle(event).result().status());
        assertTrue(directory.calls().isEmpty());
    }

    @Test
    void aRequestWhoseTimeRunsOutWhileNoDcAnswersEndsWritebackInactiveWithoutABind() {
        PasswordValidated event = verify(TestEvents.CURRENT_PASSWORD);
        directory.down(true);
        assertThrows(DirectoryUnavailableException.class, () -> service.handle(event));
        clock.set(NOW.plusSeconds(301));

        PasswordResult result = service.handle(event).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.WRITEBACK_INACTIVE, result.code());
        assertTrue(directory.calls().isEmpty());
    }

    @Test
    void aRequestWithoutTheCurrentPasswordFailsWithoutABind() {
        PasswordValidated event = verify(TestEvents.CURRENT_PASSWORD);
        PasswordValidated without = new PasswordValidated(event.eventId(), event.correlationId(), event.occurredAt(),
                event.expiresAt(), event.schemaVersion(), event.requestEventId(), event.operation(), event.userKey(),
                event.username(), event.userDn(), event.objectGuid(), null, null, false);

        assertEquals(ResultCode.INTERNAL_ERROR, service.handle(without).result().code());
        assertTrue(directory.calls().isEmpty());
    }
}
