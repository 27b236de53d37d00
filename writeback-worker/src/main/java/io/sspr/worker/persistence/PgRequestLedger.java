package io.sspr.worker.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.json.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The ledger in PostgreSQL (schema {@code writeback}); each step is its own committed transaction. */
@ApplicationScoped
public class PgRequestLedger implements RequestLedger, PanacheRepositoryBase<LedgerEntry, UUID> {

    @Override
    @Transactional
    public Optional<Entry> find(UUID correlationId) {
        return findByIdOptional(correlationId).map(row -> new Entry(row.correlationId, row.eventId, row.state,
                row.pwdLastSetBefore, Optional.ofNullable(row.resultJson)
                        .map(json -> EventJson.read(json, PasswordResult.class))));
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void started(PasswordValidated event, String userDn, long pwdLastSetBefore, Instant now) {
        if (findByIdOptional(event.correlationId()).isPresent()) {
            return;
        }
        LedgerEntry row = newRow(event, userDn, now);
        row.state = LedgerState.STARTED;
        row.pwdLastSetBefore = pwdLastSetBefore;
        persist(row);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now) {
        LedgerEntry row = findByIdOptional(event.correlationId()).orElseGet(() -> {
            LedgerEntry fresh = newRow(event, userDn, now);
            persist(fresh);
            return fresh;
        });
        row.state = LedgerState.APPLIED;
        row.resultJson = EventJson.write(result);
        row.updatedAt = now;
        commitWithoutWaitingForDisk();
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void published(UUID correlationId, Instant now) {
        commitWithoutWaitingForDisk();
        update("state = ?1, updatedAt = ?2 where correlationId = ?3", LedgerState.PUBLISHED, now, correlationId);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long purgeBefore(Instant cutoff) {
        return delete("startedAt < ?1 and state = ?2", cutoff, LedgerState.PUBLISHED);
    }

    /**
     * Only STARTED must survive a database crash (without it a redelivery would write again). Losing APPLIED or
     * PUBLISHED in one is harmless: STARTED is then recovered by asking the directory, APPLIED sends the stored
     * result again. So those two commits do not wait for the disk, which saves two fsyncs per request.
     */
    private void commitWithoutWaitingForDisk() {
        getEntityManager().createNativeQuery("set local synchronous_commit = off").executeUpdate();
    }

    private static LedgerEntry newRow(PasswordValidated event, String userDn, Instant now) {
        LedgerEntry row = new LedgerEntry();
        row.correlationId = event.correlationId();
        row.eventId = event.eventId();
        row.operation = event.operation().wireName();
        row.userKey = event.userKey();
        row.userDn = userDn;
        row.startedAt = now;
        row.updatedAt = now;
        return row;
    }
}
