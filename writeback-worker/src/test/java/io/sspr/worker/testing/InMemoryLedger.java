package io.sspr.worker.testing;

import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.worker.persistence.LedgerException;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.persistence.RequestClaimedException;
import io.sspr.worker.persistence.RequestLedger;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The ledger's contract without PostgreSQL (PgRequestLedger is tested against the real one), with failures on demand. */
public final class InMemoryLedger implements RequestLedger {
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    /** The next call of this step ("claim", "started", "applied", "published") fails as if PostgreSQL were down. */
    public void failNext(String step) {
        failures.add(step);
    }

    /** A row as a worker that stopped during its write would have left it. */
    public void startedBefore(PasswordValidated event, long pwdLastSetBefore, String dc) {
        entries.put(event.correlationId(), new Entry(event.correlationId(), event.eventId(), LedgerState.STARTED,
                pwdLastSetBefore, dc, Optional.empty()));
    }

    /** Another instance holds this request until the returned claim is closed. */
    public Claim claimedElsewhere(UUID correlationId) {
        return claim(correlationId);
    }

    @Override
    public Claim claim(UUID correlationId) {
        fail("claim");
        if (!claimed.add(correlationId)) {
            throw new RequestClaimedException(correlationId, "is being applied by another worker instance");
        }
        Optional<Entry> entry = Optional.ofNullable(entries.get(correlationId));
        return new Claim() {
            private boolean closed;

            @Override
            public Optional<Entry> entry() {
                return entry;
            }

            @Override
            public void started(PasswordValidated event, String userDn, long pwdLastSetBefore, String dc,
                    Instant now) {
                fail("started");
                store(event, LedgerState.STARTED, pwdLastSetBefore, dc, Optional.empty());
            }

            @Override
            public void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now) {
                fail("applied");
                Entry earlier = entries.get(event.correlationId());
                store(event, LedgerState.APPLIED, earlier == null ? null : earlier.pwdLastSetBefore(),
                        earlier == null ? null : earlier.dc(), Optional.of(result));
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    claimed.remove(correlationId);
                }
            }
        };
    }

    private void store(PasswordValidated event, LedgerState state, Long before, String dc,
            Optional<PasswordResult> result) {
        entries.compute(event.correlationId(), (id, earlier) -> {
            if (earlier != null && earlier.state() != LedgerState.STARTED) {
                throw new RequestClaimedException(id, "was finished by another worker instance");
            }
            return new Entry(id, event.eventId(), state, before, dc, result);
        });
    }

    @Override
    public Optional<Entry> find(UUID correlationId) {
        return Optional.ofNullable(entries.get(correlationId));
    }

    @Override
    public void published(UUID correlationId, Instant now) {
        fail("published");
        entries.computeIfPresent(correlationId, (id, e) -> new Entry(id, e.eventId(), LedgerState.PUBLISHED,
                e.pwdLastSetBefore(), e.dc(), e.result()));
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return 0;
    }

    private void fail(String step) {
        if (failures.remove(step)) {
            throw new LedgerException(step, new SQLException("injected: PostgreSQL is down", "08006"));
        }
    }
}
