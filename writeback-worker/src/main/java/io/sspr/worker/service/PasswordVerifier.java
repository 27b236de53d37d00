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
import io.sspr.worker.directory.AccountState;
import io.sspr.worker.directory.BindSession;
import io.sspr.worker.directory.DirectoryAccount;
import io.sspr.worker.directory.DirectoryException;
import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.persistence.RequestLedger;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * VERIFY_PASSWORD: the directory's own check of the user's current password, by one simple bind as the user; nothing
 * is written. Every bind counts toward AD's lockout (a wrong one raises badPwdCount), so a request binds at most once,
 * whatever happens to it: a STARTED row naming the DC is stored before the bind, and a request that finds its row
 * STARTED (a crash or a lost ledger write after the bind, a redelivery) never binds again. Its answer is then unknown
 * and it ends FAILED with DIRECTORY_UNAVAILABLE (the person may try again, which is a new, deliberate attempt). A
 * request whose outcome was stored gets that outcome again ({@link WritebackService}). Only failures before the bind
 * was sent (no DC reachable) are retried.
 */
final class PasswordVerifier {
    private static final Logger LOG = Logger.getLogger(PasswordVerifier.class);

    private final PasswordDirectory directory;
    private final SecretOpener opener;
    private final Backoff backoff;
    private final Pause pause;
    private final Clock clock;

    PasswordVerifier(PasswordDirectory directory, SecretOpener opener, Backoff backoff, Pause pause, Clock clock) {
        this.directory = directory;
        this.opener = opener;
        this.backoff = backoff;
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * @throws DirectoryUnavailableException when no DC could be reached through all retries (no bind was sent;
     *         WritebackService decides whether the request is tried again)
     */
    DirectoryWriter.Attempt verify(PasswordValidated event, RequestLedger.Claim claim) {
        if (claim.entry().filter(entry -> entry.state() == LedgerState.STARTED).isPresent()) {
            String dc = claim.entry().get().dc();
            LOG.warnf("verify correlationId=%s: a bind was sent to %s before and its answer was not stored; not "
                    + "binding again (it would count twice toward the lockout)", event.correlationId(), dc);
            return new DirectoryWriter.Attempt(0, 0, null, RequestStatus.FAILED, ResultCode.DIRECTORY_UNAVAILABLE,
                    "the answer to an earlier bind at " + dc + " is unknown");
        }
        LdapTimer timer = new LdapTimer();
        AccountRef ref = new AccountRef(event.objectGuid(), event.username());
        DirectoryAccount account = null;
        for (int attempt = 1;; attempt++) {
            boolean sent = false;
            try {
                account = timer.call(() -> directory.find(ref));
                if (event.isExpiredAt(clock.instant())) {
                    return new DirectoryWriter.Attempt(attempt, timer.millis(), account, RequestStatus.EXPIRED,
                            ResultCode.REQUEST_EXPIRED, null);
                }
                AccountState.checkCanVerify(account);
                DirectoryAccount found = account;
                try (Secret current = open(event); BindSession bind = timer.call(directory::openBind)) {
                    // Durable before the bind: from here on this request never binds again.
                    claim.started(event, found.dn(), found.pwdLastSet(), bind.server(), clock.instant());
                    sent = true;
                    timer.run(() -> bind.bindOnce(found, current));
                }
                return new DirectoryWriter.Attempt(attempt, timer.millis(), account, RequestStatus.SUCCEEDED, null,
                        null);
            } catch (DirectoryException e) {
                if (e.code() != ResultCode.DIRECTORY_UNAVAILABLE || sent) {
                    // The DC's answer, or a bind that may have been counted without one: final either way.
                    return new DirectoryWriter.Attempt(attempt, timer.millis(), account, RequestStatus.FAILED,
                            e.code(), e.diagnostic());
                }
                if (!backoff.mayRetryAfter(attempt)) {
                    LOG.warnf("verify correlationId=%s: the directory did not answer in %d attempts (%s); no bind "
                            + "was sent", event.correlationId(), attempt, e.diagnostic());
                    throw new DirectoryUnavailableException(attempt, false);
                }
                LOG.warnf("verify correlationId=%s attempt %d failed before any bind (%s); retrying in %d ms",
                        event.correlationId(), attempt, e.diagnostic(), backoff.after(attempt).toMillis());
                pause.pause(backoff.after(attempt));
            } catch (SealedSecretException | IllegalArgumentException e) {
                // Signed, yet the password does not open: the keysets disagree. Nothing was sent.
                return new DirectoryWriter.Attempt(attempt, timer.millis(), account, RequestStatus.FAILED,
                        ResultCode.INTERNAL_ERROR, e.getMessage());
            }
        }
    }

    private Secret open(PasswordValidated event) {
        if (event.sealedCurrentPassword() == null) {
            throw new IllegalArgumentException("a verify_password without the current password");
        }
        return opener.open(event.sealedCurrentPassword(), new SealingContext(event.correlationId(), event.userKey(),
                Operation.VERIFY_PASSWORD, SealingContext.Field.CURRENT_PASSWORD));
    }
}
