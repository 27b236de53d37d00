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
import io.sspr.worker.directory.WriteSession;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.persistence.RequestLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Finds the account and writes it, retrying transient failures with bounded backoff. Every write is preceded by a
 * STARTED row naming the DC it goes to and the account's pwdLastSet there; before any later write of the same
 * request, that DC is asked whether the earlier one happened (pwdLastSet moved): a lost answer or a crash never
 * becomes a second write. A VERIFY_PASSWORD writes nothing: {@link PasswordVerifier} binds once as the user.
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

    /** A write that may have happened: the DC it went to and the account's pwdLastSet there just before. */
    private record Written(long pwdLastSetBefore, String dc) {
    }

    private final PasswordDirectory directory;
    private final SecretOpener opener;
    private final Backoff backoff;
    private final Pause pause;
    private final Clock clock;
    private final Runnable afterWrite;
    private final PasswordVerifier verifier;

    public DirectoryWriter(PasswordDirectory directory, SecretOpener opener, Backoff backoff, Pause pause, Clock clock,
            AfterWriteHook afterWrite) {
        this.directory = directory;
        this.opener = opener;
        this.backoff = backoff;
        this.pause = pause;
        this.clock = clock;
        this.afterWrite = afterWrite;
        this.verifier = new PasswordVerifier(directory, opener, backoff, pause, clock);
    }

    /**
     * @param claim this instance's hold on the request; its entry, when STARTED, is a write that may have happened
     * @throws DirectoryUnavailableException when the DC did not answer through all retries (WritebackService decides
     *         whether the request is tried again)
     */
    public Attempt write(PasswordValidated event, RequestLedger.Claim claim) {
        if (event.operation() == Operation.VERIFY_PASSWORD) {
            // Writes nothing: one bind as the user, never repeated.
            return verifier.verify(event, claim);
        }
        LdapTimer timer = new LdapTimer();
        AccountRef ref = new AccountRef(event.objectGuid(), event.username());
        Written written = claim.entry()
                .filter(entry -> entry.state() == LedgerState.STARTED && entry.pwdLastSetBefore() != null)
                .map(entry -> new Written(entry.pwdLastSetBefore(), entry.dc()))
                .orElse(null);
        DirectoryAccount account = null;
        for (int attempt = 1;; attempt++) {
            try {
                if (written != null) {
                    Written asked = written;
                    account = timer.call(() -> directory.findAt(asked.dc(), ref));
                    if (happened(event, account, asked.pwdLastSetBefore())) {
                        LOG.infof("writeback correlationId=%s: the DC that wrote (%s) shows the earlier write, not "
                                + "writing again", event.correlationId(), asked.dc());
                        return new Attempt(attempt, timer.millis(), account, RequestStatus.SUCCEEDED, null, null);
                    }
                } else {
                    account = timer.call(() -> directory.find(ref));
                }
                if (event.isExpiredAt(clock.instant())) {
                    return new Attempt(attempt, timer.millis(), account, RequestStatus.EXPIRED,
                            ResultCode.REQUEST_EXPIRED, null);
                }
                DirectoryAccount found = account;
                try (Secrets secrets = open(event); WriteSession session = timer.call(directory::openWrite)) {
                    // The value a recovery compares with must be the writing DC's own.
                    long before = Objects.equals(session.server(), found.server()) ? found.pwdLastSet()
                            : timer.call(() -> session.pwdLastSet(found));
                    claim.started(event, found.dn(), before, session.server(), clock.instant());
                    written = new Written(before, session.server());
                    apply(event, found, secrets, session, timer);
                }
                afterWrite.run();
                return new Attempt(attempt, timer.millis(), account, RequestStatus.SUCCEEDED, null, null);
            } catch (DirectoryException e) {
                if (e.code() != ResultCode.DIRECTORY_UNAVAILABLE) {
                    return new Attempt(attempt, timer.millis(), account, RequestStatus.FAILED, e.code(),
                            e.diagnostic());
                }
                if (!backoff.mayRetryAfter(attempt)) {
                    LOG.warnf("writeback correlationId=%s: the directory did not answer in %d attempts (%s)",
                            event.correlationId(), attempt, e.diagnostic());
                    throw new DirectoryUnavailableException(attempt, written != null);
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
            case VERIFY_PASSWORD -> throw new IllegalStateException("a password check is never recovered by asking");
        };
    }

    private void apply(PasswordValidated event, DirectoryAccount account, Secrets secrets, WriteSession session,
            LdapTimer timer) throws DirectoryException {
        switch (event.operation()) {
            case CHANGE -> timer.run(() -> session.change(account, secrets.current(), secrets.next()));
            case RESET, ADMIN_RESET -> {
                ResetOptions options = new ResetOptions(event.operation() == Operation.RESET,
                        event.mustChangeAtNextLogon());
                timer.run(() -> session.reset(account, secrets.next(), options));
            }
            case UNLOCK -> timer.run(() -> session.unlock(account));
            case VERIFY_PASSWORD -> throw new IllegalStateException("a password check is not a write");
        }
    }

    /** The request's secrets, opened before a write connection is taken: one that does not open writes nothing. */
    private record Secrets(Secret current, Secret next) implements AutoCloseable {
        @Override
        public void close() {
            if (current != null) {
                current.close();
            }
            if (next != null) {
                next.close();
            }
        }
    }

    private Secrets open(PasswordValidated event) {
        Secret current = null;
        try {
            current = event.operation() == Operation.CHANGE ? open(event, SealingContext.Field.CURRENT_PASSWORD) : null;
            Secret next = event.operation() == Operation.UNLOCK ? null : open(event, SealingContext.Field.NEW_PASSWORD);
            return new Secrets(current, next);
        } catch (RuntimeException e) {
            if (current != null) {
                current.close();
            }
            throw e;
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
