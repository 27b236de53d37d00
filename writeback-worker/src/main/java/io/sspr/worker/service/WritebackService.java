package io.sspr.worker.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.SealedSecretException;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.worker.directory.DirectoryException;
import io.sspr.events.Operation;
import io.sspr.worker.directory.AccountRef;
import io.sspr.worker.directory.DirectoryAccount;
import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.directory.ResetOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Applies one validated request to the directory: signature first, then idempotency, expiry, and the operation.
 * Returns the one terminal result; never logs or returns a password.
 */
@ApplicationScoped
public class WritebackService {
    public static final String SERVICE_NAME = "writeback-worker";

    private static final Logger LOG = Logger.getLogger(WritebackService.class);

    private final EventVerifier verifier;
    private final SecretOpener opener;
    private final PasswordDirectory directory;
    private final AppliedRequests applied;
    private final WritebackStats stats;
    private final Clock clock;
    private final MeterRegistry meters;

    public WritebackService(EventVerifier verifier, SecretOpener opener, PasswordDirectory directory,
            AppliedRequests applied, WritebackStats stats, Clock clock, MeterRegistry meters) {
        this.verifier = verifier;
        this.opener = opener;
        this.directory = directory;
        this.applied = applied;
        this.stats = stats;
        this.clock = clock;
        this.meters = meters;
    }

    /** @throws RefusedEventException when the event is unsigned or its signature does not verify */
    public WritebackOutcome handle(PasswordValidated event) {
        try {
            verifier.verify(event);
        } catch (SealedSecretException e) {
            throw new RefusedEventException(e.getMessage());
        }

        var remembered = applied.resultOf(event.correlationId());
        if (remembered.isPresent()) {
            // A redelivery: answer again, write nothing.
            return finish(event, new WritebackOutcome(remembered.get(), true, 0));
        }

        Instant now = clock.instant();
        if (event.isExpiredAt(now)) {
            return finish(event, new WritebackOutcome(unsuccessful(event, RequestStatus.EXPIRED,
                    ResultCode.REQUEST_EXPIRED, now), false, 0));
        }

        LdapTimer timer = new LdapTimer();
        ResultCode failure = null;
        String detail = null;
        try {
            apply(event, timer);
        } catch (DirectoryException e) {
            failure = e.code();
            detail = e.diagnostic();
        } catch (SealedSecretException | IllegalArgumentException e) {
            // Signed, yet a secret does not open: the keysets disagree. Nothing was written.
            failure = ResultCode.INTERNAL_ERROR;
            detail = e.getMessage();
        }
        Instant done = clock.instant();
        PasswordResult result = failure == null
                ? PasswordResult.succeeded(event.correlationId(), event.operation(), event.userKey(),
                        event.username(), SERVICE_NAME, done)
                : unsuccessful(event, RequestStatus.FAILED, failure, done);
        return finish(event, new WritebackOutcome(result, false, timer.millis()), detail);
    }

    @FunctionalInterface
    private interface OperationHandler {
        void apply(PasswordValidated event, LdapTimer timer) throws DirectoryException;
    }

    private void apply(PasswordValidated event, LdapTimer timer) throws DirectoryException {
        // A switch expression: a new Operation does not compile until it is handled here.
        OperationHandler handler = switch (event.operation()) {
            case CHANGE -> this::change;
            case RESET, ADMIN_RESET -> this::reset;
            case UNLOCK -> this::unlock;
        };
        handler.apply(event, timer);
    }

    private void change(PasswordValidated event, LdapTimer timer) throws DirectoryException {
        try (Secret current = open(event, SealingContext.Field.CURRENT_PASSWORD);
                Secret next = open(event, SealingContext.Field.NEW_PASSWORD)) {
            DirectoryAccount account = directory.find(new AccountRef(event.objectGuid(), event.username()));
            timer.time(() -> directory.change(account, current, next));
        }
    }

    private void reset(PasswordValidated event, LdapTimer timer) throws DirectoryException {
        try (Secret next = open(event, SealingContext.Field.NEW_PASSWORD)) {
            DirectoryAccount account = directory.find(new AccountRef(event.objectGuid(), event.username()));
            timer.time(() -> directory.reset(account, next,
                    new ResetOptions(event.operation() == Operation.RESET, event.mustChangeAtNextLogon())));
        }
    }

    private void unlock(PasswordValidated event, LdapTimer timer) throws DirectoryException {
        DirectoryAccount account = directory.find(new AccountRef(event.objectGuid(), event.username()));
        timer.time(() -> directory.unlock(account));
    }

    private Secret open(PasswordValidated event, SealingContext.Field field) {
        String sealed = field == SealingContext.Field.NEW_PASSWORD
                ? event.sealedNewPassword()
                : event.sealedCurrentPassword();
        return opener.open(sealed, new SealingContext(event.correlationId(), event.userKey(), event.operation(),
                field));
    }

    private static PasswordResult unsuccessful(PasswordValidated event, RequestStatus status, ResultCode code,
            Instant now) {
        // The code's own message only: the directory's words stay in the log.
        return PasswordResult.unsuccessful(event.correlationId(), event.operation(), event.userKey(),
                event.username(), status, List.of(Violation.of(code)), SERVICE_NAME, now);
    }

    private WritebackOutcome finish(PasswordValidated event, WritebackOutcome outcome) {
        return finish(event, outcome, null);
    }

    /** The one log line per request, the metrics, and the run status. */
    private WritebackOutcome finish(PasswordValidated event, WritebackOutcome outcome, String directoryDetail) {
        PasswordResult result = outcome.result();
        if (!outcome.replayed()) {
            applied.remember(result);
        }
        String outcomeName = outcome.replayed() ? "REPLAYED" : result.status().name();
        String line = String.format("writeback correlationId=%s userKey=%s operation=%s outcome=%s code=%s ldapMs=%d%s",
                event.correlationId(), event.userKey(), event.operation().wireName(), outcomeName, result.code(),
                outcome.ldapMillis(), directoryDetail == null ? "" : " directory=\"" + directoryDetail + "\"");
        if (result.status() == RequestStatus.SUCCEEDED || outcome.replayed()) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
        meters.counter("sspr.writeback.requests", "operation", event.operation().wireName(),
                "outcome", outcomeName, "code", result.code().name()).increment();
        if (!outcome.replayed() && result.status() != RequestStatus.EXPIRED) {
            Timer.builder("sspr.writeback.ldap").tag("operation", event.operation().wireName())
                    .register(meters).record(outcome.ldapMillis(), TimeUnit.MILLISECONDS);
        }
        stats.record(event, outcomeName, result.code(), outcome.ldapMillis(), clock.instant());
        return outcome;
    }
}
