package io.sspr.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worker's rules without Kafka or a DC: signature first, idempotency, expiry, and the operations. */
class WritebackServiceTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final String DN = "CN=alice,CN=Users,DC=example,DC=test";

    private final com.google.crypto.tink.KeysetHandle signing = Keysets.newSigningKeyset();
    private final com.google.crypto.tink.KeysetHandle sealing = Keysets.newSealingKeyset();
    private final EventSigner signer = new EventSigner(signing);
    private final SecretSealer sealer = new SecretSealer(Keysets.publicPart(sealing));
    private final RecordingDirectory directory = new RecordingDirectory();
    private final WritebackService service = new WritebackService(new EventVerifier(Keysets.publicPart(signing)),
            new SecretOpener(sealing), directory, new AppliedRequests(100), new WritebackStats(),
            Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());

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
    void aRedeliveredEventIsAnsweredAgainButAppliedOnce() {
        PasswordValidated event = signed(event(Operation.CHANGE, NOW.plusSeconds(300)));

        WritebackOutcome first = service.handle(event);
        WritebackOutcome second = service.handle(event);

        assertFalse(first.replayed());
        assertTrue(second.replayed());
        assertSame(first.result(), second.result());
        assertEquals(1, directory.calls.size());
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
        DirectoryException failWith;

        @Override
        public DirectoryAccount find(AccountRef ref) {
            return new DirectoryAccount(DN, null, ref.username(), 0, 0, 0);
        }

        @Override
        public void change(DirectoryAccount account, Secret currentPassword, Secret newPassword) throws DirectoryException {
            fail();
            calls.add("change " + account.dn() + " " + new String(currentPassword.chars()) + " "
                    + new String(newPassword.chars()));
        }

        @Override
        public void reset(DirectoryAccount account, Secret newPassword, ResetOptions options) throws DirectoryException {
            fail();
            calls.add("reset " + account.dn() + " " + new String(newPassword.chars()));
        }

        @Override
        public void unlock(DirectoryAccount account) throws DirectoryException {
            fail();
            calls.add("unlock " + account.dn());
        }

        @Override
        public DirectoryHealth health() {
            return new DirectoryHealth(true, "test", null, null);
        }

        private void fail() throws DirectoryException {
            if (failWith != null) {
                throw failWith;
            }
        }
    }
}
