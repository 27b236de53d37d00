package io.sspr.portal.service;

import io.quarkus.scheduler.Scheduled;
import io.sspr.events.ResultCode;
import io.sspr.portal.config.PortalConfig;
import io.sspr.portal.persistence.AbuseLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The abuse limits of self-service, counted in PostgreSQL so that all portal instances count together: requests per
 * client address and minute, and failed verifications or wrong current passwords per account, which block the account's
 * self-service for a day (as Entra does). Accounts are keyed alike whether they exist or not, so a block says nothing
 * about who exists. Each count commits on its own, whatever the caller's answer.
 */
@ApplicationScoped
public class AbuseGuard {
    private final AbuseLedger ledger;
    private final OutcomeRecorder outcomes;
    private final PortalConfig.SelfService limits;

    public AbuseGuard(AbuseLedger ledger, OutcomeRecorder outcomes, PortalConfig config) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.limits = config.selfService();
    }

    /** Counts a self-service request of a client; refuses it past the per-minute limit. */
    @Transactional(value = TxType.REQUIRES_NEW, dontRollbackOn = RequestRefusedException.class)
    public void countClientRequest(String clientAddress) {
        Instant window = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        if (ledger.countClientRequest(clientAddress, window) > limits.clientRequestsPerMinute()) {
            throw new RequestRefusedException(ResultCode.TOO_MANY_REQUESTS);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void requireNotBlocked(String accountKey) {
        ledger.blockedUntil(accountKey, Instant.now()).ifPresent(until -> {
            throw new SelfServiceBlockedException(until);
        });
    }

    /**
     * Records a failed verification or a wrong current password.
     *
     * @throws SelfServiceBlockedException when this failure reached the limit: the account is blocked from now on
     */
    @Transactional(value = TxType.REQUIRES_NEW, dontRollbackOn = RequestRefusedException.class)
    public void recordFailure(String accountKey, String username) {
        Instant now = Instant.now();
        long failures = ledger.recordFailure(accountKey, now, now.minus(limits.failureWindow()));
        if (failures >= limits.failuresAllowed()) {
            Instant until = now.plus(limits.blockDuration());
            if (ledger.block(accountKey, until, now)) {
                outcomes.blocked(accountKey, username, until, failures);
            }
            throw new SelfServiceBlockedException(ledger.blockedUntil(accountKey, now).orElse(until));
        }
    }

    /** Forgets failures, counters, blocks and flows that no limit looks at any more. */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void forgetExpired() {
        Instant now = Instant.now();
        ledger.forgetBefore(now.minus(limits.failureWindow()), now.minus(2, ChronoUnit.MINUTES), now);
    }
}
