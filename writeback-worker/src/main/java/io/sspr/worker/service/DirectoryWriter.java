package io.sspr.worker.service;

import io.sspr.events.Operation;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.crypto.SealedSecretException;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.worker.directory.AccountRef;
import io.sspr.worker.directory.DirectoryAccount;
import io.sspr.worker.directory.DirectoryException;
import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.directory.ResetOptions;
import io.sspr.worker.persistence.RequestLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Finds the account and writes it, retrying transient failures with bounded backoff. Before every write after the
 * first it asks the directory whether an earlier one happened after all (pwdLastSet moved): a lost answer or a
 * crash never becomes a second write.
 */
@ApplicationScoped
public class DirectoryWriter {
    private static final Logger LOG = Logger.getLogger(DirectoryWriter.class);

    /** How one request's write ended; {@code failure} null means it succeeded. */
    public record Attempt(int attempts, long ldapMillis, DirectoryAccount account, RequestStatus status,
            ResultCode failure, String detail) {

        static Attempt none(String detail) {
            return new Attempt(0, 0, null, null, null, detail);
        }
    }

    private final PasswordDirectory directory;
    private final SecretOpener opener;
    private final RequestLedger ledger;
    private final Backoff backoff;
    private final Pause pause;
    private final Clock clock;
    private final Runnable afterWrite;

    public DirectoryWriter(PasswordDirectory directory, SecretOpener opener, RequestLedger ledger, Backoff backoff,
            Pause pause, Clock clock, AfterWriteHook afterWrite) {
        this.directory = directory;
        this.opener = opener;
        this.ledger = ledger;
        this.backoff = backoff;
        this.pause = pause;
        this.clock = clock;
        this.afterWrite = afterWrite;
    }

    /**
     * @param pwdLastSetBefore the account's pwdLastSet stored before an earlier write began (a recovered request),
     *        null for a request not written before
     */
    public Attempt write(PasswordValidated event, Long pwdLastSetBefore) {
        LdapTimer timer = new LdapTimer();
        Long before = pwdLastSetBefore;
        DirectoryAccount account = null;
        for (int attempt = 1;; attempt++) {
            try {
                account = timer.call(() -> directory.find(new AccountRef(event.objectGuid(), event.username())));
                if (before != null && happened(event, account, before)) {
                    LOG.infof("writeback correlationId=%s: the directory shows the earlier write, not writing again",
                            event.correlationId());
                    return new Attempt(attempt, timer.millis(), account, RequestStatus.SUCCEEDED, null, null);
                }
                if (event.isExpiredAt(clock.instant())) {
                    return new Attempt(attempt, timer.millis(), account, RequestStatus.EXPIRED,
                            ResultCode.REQUEST_EXPIRED, null);
                }
                if (before == null) {
                    ledger.started(event, account.dn(), account.pwdLastSet(), clock.instant());
                    before = account.pwdLastSet();
                }
                apply(event, account, timer);
                afterWrite.run();
                return new Attempt(attempt, timer.millis(), account, RequestStatus.SUCCEEDED, null, null);
            } catch (DirectoryException e) {
                if (e.code() != ResultCode.DIRECTORY_UNAVAILABLE || !backoff.mayRetryAfter(attempt)) {
                    return new Attempt(attempt, timer.millis(), account, RequestStatus.FAILED, e.code(),
                            e.diagnostic());
                }
                LOG.warnf("writeback correlationId=%s attempt %d failed (%s); retrying in %d ms",
                        event.correlationId(), attempt, e.diagnostic(), backoff.after(attempt).toMillis());
                pause.pause(backoff.after(attempt));
            } catch (SealedSecretException | IllegalArgumentException e) {
                // Signed, yet a secret does not open: the keysets disagree. Nothing was written.
                return new Attempt(attempt, timer.millis(), account, RequestStatus.FAILED, ResultCode.INTERNAL_ERROR,
                        e.getMessage());
            }
        }
    }

    /** A password write always moves pwdLastSet (to now, or to 0); an unlock is safe to repeat. */
    private static boolean happened(PasswordValidated event, DirectoryAccount account, long pwdLastSetBefore) {
        return switch (event.operation()) {
            case CHANGE, RESET, ADMIN_RESET -> account.pwdLastSet() != pwdLastSetBefore;
            case UNLOCK -> false;
        };
    }

    private void apply(PasswordValidated event, DirectoryAccount account, LdapTimer timer) throws DirectoryException {
        switch (event.operation()) {
            case CHANGE -> {
                try (Secret current = open(event, SealingContext.Field.CURRENT_PASSWORD);
                        Secret next = open(event, SealingContext.Field.NEW_PASSWORD)) {
                    timer.run(() -> directory.change(account, current, next));
                }
            }
            case RESET, ADMIN_RESET -> {
                try (Secret next = open(event, SealingContext.Field.NEW_PASSWORD)) {
                    ResetOptions options = new ResetOptions(event.operation() == Operation.RESET,
                            event.mustChangeAtNextLogon());
                    timer.run(() -> directory.reset(account, next, options));
                }
            }
            case UNLOCK -> timer.run(() -> directory.unlock(account));
        }
    }

    private Secret open(PasswordValidated event, SealingContext.Field field) {
        String sealed = field == SealingContext.Field.NEW_PASSWORD
                ? event.sealedNewPassword()
                : event.sealedCurrentPassword();
        return opener.open(sealed, new SealingContext(event.correlationId(), event.userKey(), event.operation(),
                field));
    }
}
