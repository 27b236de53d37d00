package io.sspr.worker.service;

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
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.worker.directory.DirectoryException;
import io.sspr.worker.directory.AccountRef;
import io.sspr.worker.directory.DirectoryAccount;
import io.sspr.worker.directory.DirectoryHealth;
import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.directory.ResetOptions;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.persistence.RequestLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The worker's rules without Kafka, PostgreSQL or a DC: signature first, the ledger (redelivery, replay, recovery),
 * expiry, retries, and the operations.
 */
class WritebackServiceTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final String DN = "CN=alice,CN=Users,DC=example,DC=test";

    private final com.google.crypto.tink.KeysetHandle signing = Keysets.newSigningKeyset();
    private final com.google.crypto.tink.KeysetHandle sealing = Keysets.newSealingKeyset();
    private final EventSigner signer = new EventSigner(signing);
    private final SecretSealer sealer = new SecretSealer(Keysets.publicPart(sealing));
    private final RecordingDirectory directory = new RecordingDirectory();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<Duration> pauses = new ArrayList<>();
    private final MovableClock clock = new MovableClock(NOW);
    private boolean writebackEnabled = true;
    private final WritebackService service = new WritebackService(new EventVerifier(Keysets.publicPart(signing)),
            new DirectoryWriter(directory, new SecretOpener(sealing), ledger,
                    new Backoff(4, Duration.ofMillis(200), Duration.ofMillis(500)), pauses::add, clock,
                    AfterWriteHook.NONE),
            ledger, () -> writebackEnabled, new WritebackStats(), clock, new SimpleMeterRegistry());

    @Test
    void changeOpensBothSecretsAndSucceeds() {
        WritebackOutcome outcome = service.handle(signed(event(Operation.CHANGE, NOW.plusSeconds(300))));

        assertEquals(RequestStatus.SUCCEEDED, outcome.result().status());
        assertEquals(ResultCode.PASSWORD_CHANGED, outcome.result().code());
        assertEquals("writeback-worker", outcome.result().reportedBy());
        assertEquals(List.of("change " + DN + " Old-pass1! New-pass2!"), directory.calls);
    }

    @Test
    void resetAndAdminResetReplaceAndUnlockClearsTheLockout() {
        service.handle(signed(event(Operation.RESET, NOW.plusSeconds(300))));
        service.handle(signed(event(Operation.ADMIN_RESET, NOW.plusSeconds(300))));
        PasswordResult unlocked = service.handle(signed(event(Operation.UNLOCK, NOW.plusSeconds(300)))).result();

        assertEquals(List.of("reset " + DN + " New-pass2!", "reset " + DN + " New-pass2!", "unlock " + DN),
                directory.calls);
        assertEquals(ResultCode.ACCOUNT_UNLOCKED, unlocked.code());
    }

    @Test
    void anUnsignedEventIsRefusedBeforeTheDirectory() {
        RefusedEventException e = assertThrows(RefusedEventException.class,
                () -> service.handle(event(Operation.CHANGE, NOW.plusSeconds(300))));

        assertTrue(e.getMessage().contains("not signed"), e.getMessage());
        assertTrue(directory.calls.isEmpty());
    }

    @Test
    void aForgedEventIsRefusedBeforeTheDirectory() {
        PasswordValidated genuine = signed(event(Operation.CHANGE, NOW.plusSeconds(300)));
        PasswordValidated forged = new PasswordValidated(genuine.eventId(), genuine.correlationId(),
                genuine.occurredAt(), genuine.expiresAt(), genuine.schemaVersion(), genuine.requestEventId(),
                genuine.operation(), genuine.userKey(), genuine.username(),
                "CN=Administrator,CN=Users,DC=example,DC=test", genuine.objectGuid(), genuine.sealedCurrentPassword(),
                genuine.sealedNewPassword(), genuine.mustChangeAtNextLogon(), genuine.signature());

        assertThrows(RefusedEventException.class, () -> service.handle(forged));
        assertTrue(directory.calls.isEmpty());
    }

    @Test
    void anEventSignedByAnotherKeyIsRefused() {
        PasswordValidated byStranger = new EventSigner(Keysets.newSigningKeyset())
                .sign(event(Operation.RESET, NOW.plusSeconds(300)));

        assertThrows(RefusedEventException.class, () -> service.handle(byStranger));
        assertTrue(directory.calls.isEmpty());
    }

    @Test
    void anExpiredRequestIsNeverApplied() {
        WritebackOutcome outcome = service.handle(signed(event(Operation.CHANGE, NOW)));

        assertEquals(RequestStatus.EXPIRED, outcome.result().status());
        assertEquals(ResultCode.REQUEST_EXPIRED, outcome.result().code());
        assertTrue(directory.calls.isEmpty());
    }

    @Test
    void aRedeliveryBeforeTheResultWasPublishedSendsTheSameResultWithoutWriting() {
        PasswordValidated event = signed(event(Operation.CHANGE, NOW.plusSeconds(300)));

        WritebackOutcome first = service.handle(event);
        WritebackOutcome second = service.handle(event);

        assertFalse(first.replayed());
        assertTrue(second.replayed());
        assertEquals(first.result(), second.result());
        assertEquals(1, directory.calls.size());
    }

    @Test
    void aReplayOfAFinishedRequestIsRefused() {
        PasswordValidated event = signed(event(Operation.RESET, NOW.plusSeconds(300)));
        service.handle(event);
        ledger.published(event.correlationId(), NOW);

        RefusedEventException e = assertThrows(RefusedEventException.class, () -> service.handle(event));

        assertEquals("replayed", e.auditReason());
        assertEquals(1, directory.calls.size());
    }

    @Test
    void aRequestStartedBeforeACrashIsNotWrittenAgainWhenTheDirectoryShowsTheWrite() {
        PasswordValidated event = signed(event(Operation.CHANGE, NOW.plusSeconds(300)));
        ledger.started(event, DN, directory.pwdLastSet, NOW);
        directory.pwdLastSet++; // the write happened, then the worker stopped

        PasswordResult result = service.handle(event).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertTrue(directory.calls.isEmpty());
        assertEquals(LedgerState.APPLIED, ledger.find(event.correlationId()).orElseThrow().state());
    }

    @Test
    void aRequestStartedBeforeACrashIsWrittenWhenTheDirectoryDoesNotShowIt() {
        PasswordValidated event = signed(event(Operation.CHANGE, NOW.plusSeconds(300)));
        ledger.started(event, DN, directory.pwdLastSet, NOW);

        assertEquals(RequestStatus.SUCCEEDED, service.handle(event).result().status());
        assertEquals(1, directory.calls.size());
    }

    @Test
    void aTransientFailureIsRetriedWithGrowingPausesAndThenSucceeds() {
        directory.failures.add(unavailable());
        directory.failures.add(unavailable());

        PasswordResult result = service.handle(signed(event(Operation.RESET, NOW.plusSeconds(300)))).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
        assertEquals(1, directory.calls.size());
    }

    @Test
    void retriesAreBoundedAndEndDirectoryUnavailable() {
        for (int i = 0; i < 10; i++) {
            directory.failures.add(unavailable());
        }

        PasswordResult result = service.handle(signed(event(Operation.RESET, NOW.plusSeconds(300)))).result();

        assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, result.code());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500)), pauses);
        assertTrue(directory.calls.isEmpty());
    }

    @Test
    void aWriteWhoseAnswerWasLostIsRecognisedInsteadOfRepeated() {
        directory.loseAnswerOfNextWrite = true;

        PasswordResult result = service.handle(signed(event(Operation.CHANGE, NOW.plusSeconds(300)))).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(1, directory.calls.size(), "written once, although the first answer was a timeout");
    }

    @Test
    void aPolicyRefusalIsNeverRetried() {
        directory.failures.add(new DirectoryException(ResultCode.PASSWORD_IN_HISTORY, "0000052D: history", null));

        PasswordResult result = service.handle(signed(event(Operation.CHANGE, NOW.plusSeconds(300)))).result();

        assertEquals(ResultCode.PASSWORD_IN_HISTORY, result.code());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aRequestThatExpiresWhileRetryingIsNotApplied() {
        directory.failures.add(unavailable());
        directory.onPause = () -> clock.now = NOW.plusSeconds(301);
        PasswordValidated event = signed(event(Operation.RESET, NOW.plusSeconds(300)));
        WritebackService expiring = new WritebackService(new EventVerifier(Keysets.publicPart(signing)),
                new DirectoryWriter(directory, new SecretOpener(sealing), ledger,
                        new Backoff(4, Duration.ofMillis(200), Duration.ofMillis(500)),
                        d -> directory.onPause.run(), clock, AfterWriteHook.NONE),
                ledger, () -> true, new WritebackStats(), clock, new SimpleMeterRegistry());

        PasswordResult result = expiring.handle(event).result();

        assertEquals(RequestStatus.EXPIRED, result.status());
        assertTrue(directory.calls.isEmpty());
    }

    @Test
    void withWritebackSwitchedOffNothingIsWritten() {
        writebackEnabled = false;

        PasswordResult result = service.handle(signed(event(Operation.RESET, NOW.plusSeconds(300)))).result();

        assertEquals(ResultCode.WRITEBACK_UNAVAILABLE, result.code());
        assertTrue(directory.calls.isEmpty());
    }

    @Test
    void aSelfServiceResetAsksForHistoryAndMustChangeIsPassedOn() {
        PasswordValidated selfService = event(Operation.RESET, NOW.plusSeconds(300));
        service.handle(signed(selfService));
        PasswordValidated byAdmin = event(Operation.ADMIN_RESET, NOW.plusSeconds(300));
        service.handle(signed(new PasswordValidated(byAdmin.eventId(), byAdmin.correlationId(), byAdmin.occurredAt(),
                byAdmin.expiresAt(), byAdmin.schemaVersion(), byAdmin.requestEventId(), byAdmin.operation(),
                byAdmin.userKey(), byAdmin.username(), byAdmin.userDn(), byAdmin.objectGuid(), null,
                byAdmin.sealedNewPassword(), true, null)));

        assertEquals(List.of(new ResetOptions(true, false), new ResetOptions(false, true)), directory.resetOptions);
    }

    private static DirectoryException unavailable() {
        return new DirectoryException(ResultCode.DIRECTORY_UNAVAILABLE, "connect error", null);
    }

    @Test
    void aDirectoryRefusalBecomesAFailureWithTheCodesOwnMessage() {
        directory.failWith = new DirectoryException(ResultCode.PASSWORD_TOO_SHORT,
                "0000052D: Constraint violation - check_password_restrictions: the password is too short.", null);

        PasswordResult result = service.handle(signed(event(Operation.CHANGE, NOW.plusSeconds(300)))).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.PASSWORD_TOO_SHORT, result.code());
        assertEquals(ResultCode.PASSWORD_TOO_SHORT.defaultMessage(), result.message());
        assertEquals(ResultCode.PASSWORD_TOO_SHORT, result.violations().get(0).code());
    }

    @Test
    void aSecretThatDoesNotOpenFailsWithoutTouchingTheDirectory() {
        PasswordValidated event = event(Operation.CHANGE, NOW.plusSeconds(300));
        // Sealed for another request: the context does not match, so it cannot be replayed here.
        String foreign = sealer.seal(Secret.of("New-pass2!"), new SealingContext(UUID.randomUUID(), event.userKey(),
                Operation.CHANGE, SealingContext.Field.NEW_PASSWORD));
        PasswordValidated swapped = signed(new PasswordValidated(event.eventId(), event.correlationId(),
                event.occurredAt(), event.expiresAt(), event.schemaVersion(), event.requestEventId(),
                event.operation(), event.userKey(), event.username(), event.userDn(), event.objectGuid(),
                event.sealedCurrentPassword(), foreign, false, null));

        PasswordResult result = service.handle(swapped).result();

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.INTERNAL_ERROR, result.code());
        assertTrue(directory.calls.isEmpty());
    }

    private PasswordValidated signed(PasswordValidated event) {
        return signer.sign(event);
    }

    private PasswordValidated event(Operation operation, Instant expiresAt) {
        UUID correlationId = UUID.randomUUID();
        String userKey = "alice";
        String current = operation == Operation.CHANGE
                ? sealer.seal(Secret.of("Old-pass1!"), new SealingContext(correlationId, userKey, operation,
                        SealingContext.Field.CURRENT_PASSWORD))
                : null;
        String next = operation == Operation.UNLOCK ? null
                : sealer.seal(Secret.of("New-pass2!"), new SealingContext(correlationId, userKey, operation,
                        SealingContext.Field.NEW_PASSWORD));
        return new PasswordValidated(UUID.randomUUID(), correlationId, NOW.minusSeconds(1), expiresAt,
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), operation, userKey, "alice", DN, null, current, next, false,
                null);
    }

    /** Records what would have been written (secrets in clear only inside this test). */
    private static final class RecordingDirectory implements PasswordDirectory {
        final List<String> calls = new ArrayList<>();
        final List<ResetOptions> resetOptions = new ArrayList<>();
        final Deque<DirectoryException> failures = new ArrayDeque<>();
        DirectoryException failWith;
        long pwdLastSet = 1000;
        boolean loseAnswerOfNextWrite;
        Runnable onPause = () -> {
        };

        @Override
        public DirectoryAccount find(AccountRef ref) {
            return new DirectoryAccount(DN, null, ref.username(), 0, 0, pwdLastSet);
        }

        @Override
        public void change(DirectoryAccount account, Secret currentPassword, Secret newPassword)
                throws DirectoryException {
            fail();
            record("change " + account.dn() + " " + new String(currentPassword.chars()) + " "
                    + new String(newPassword.chars()));
        }

        @Override
        public void reset(DirectoryAccount account, Secret newPassword, ResetOptions options)
                throws DirectoryException {
            fail();
            resetOptions.add(options);
            record("reset " + account.dn() + " " + new String(newPassword.chars()));
        }

        @Override
        public void unlock(DirectoryAccount account) throws DirectoryException {
            fail();
            record("unlock " + account.dn());
        }

        @Override
        public DirectoryHealth health() {
            return new DirectoryHealth(true, "test", null, null);
        }

        private void record(String call) throws DirectoryException {
            calls.add(call);
            pwdLastSet++;
            if (loseAnswerOfNextWrite) {
                loseAnswerOfNextWrite = false;
                throw new DirectoryException(ResultCode.DIRECTORY_UNAVAILABLE, "response timeout", null);
            }
        }

        private void fail() throws DirectoryException {
            if (failWith != null) {
                throw failWith;
            }
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
        }
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The ledger's contract without PostgreSQL (PgRequestLedger is tested against the real one). */
    static final class InMemoryLedger implements RequestLedger {
        private final Map<UUID, Entry> entries = new HashMap<>();

        @Override
        public Optional<Entry> find(UUID correlationId) {
            return Optional.ofNullable(entries.get(correlationId));
        }

        @Override
        public void started(PasswordValidated event, String userDn, long pwdLastSetBefore, Instant now) {
            entries.putIfAbsent(event.correlationId(), new Entry(event.correlationId(), event.eventId(),
                    LedgerState.STARTED, pwdLastSetBefore, Optional.empty()));
        }

        @Override
        public void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now) {
            Long before = find(event.correlationId()).map(Entry::pwdLastSetBefore).orElse(null);
            entries.put(event.correlationId(), new Entry(event.correlationId(), event.eventId(), LedgerState.APPLIED,
                    before, Optional.of(result)));
        }

        @Override
        public void published(UUID correlationId, Instant now) {
            entries.computeIfPresent(correlationId, (id, e) -> new Entry(id, e.eventId(), LedgerState.PUBLISHED,
                    e.pwdLastSetBefore(), e.result()));
        }

        @Override
        public long purgeBefore(Instant cutoff) {
            return 0;
        }
    }
}
