package io.sspr.worker.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.SsprEvent;
import io.sspr.events.Violation;
import io.sspr.worker.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger's statements against the real PostgreSQL of deploy/local/stack, schema migrated by Flyway. Two ledgers
 * on their own connections stand for two worker instances.
 */
class PgRequestLedgerIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String DC1 = "dc1.example.test:636";
    private static final String DC2 = "dc2.example.test:636";
    private static PGSimpleDataSource dataSource;
    private static PgRequestLedger ledger;
    private static PgRequestLedger otherInstance;

    @BeforeAll
    static void migrate() {
        dataSource = TestDatabase.dataSource();
        TestDatabase.migrate();
        ledger = new PgRequestLedger(dataSource);
        otherInstance = new PgRequestLedger(TestDatabase.dataSource());
    }

    @Test
    void aRequestGoesFromStartedToAppliedToPublished() {
        PasswordValidated event = event();
        PasswordResult result = succeeded(event);

        RequestLedger.Entry started;
        try (RequestLedger.Claim claim = ledger.claim(event.correlationId())) {
            assertTrue(claim.entry().isEmpty());
            claim.started(event, event.userDn(), 133_000_000_000_000_000L, DC1, NOW);
            started = otherInstance.find(event.correlationId()).orElseThrow();
            claim.applied(event, event.userDn(), result, NOW);
        }
        RequestLedger.Entry applied = ledger.find(event.correlationId()).orElseThrow();
        ledger.published(event.correlationId(), NOW);

        assertEquals(LedgerState.STARTED, started.state(), "durable before the write, seen by anyone");
        assertEquals(133_000_000_000_000_000L, started.pwdLastSetBefore());
        assertEquals(DC1, started.dc());
        assertTrue(started.result().isEmpty());
        assertEquals(LedgerState.APPLIED, applied.state());
        assertEquals(result, applied.result().orElseThrow());
        assertEquals(133_000_000_000_000_000L, applied.pwdLastSetBefore(), "kept for a later recovery");
        assertEquals(DC1, applied.dc());
        RequestLedger.Entry published = ledger.find(event.correlationId()).orElseThrow();
        assertEquals(LedgerState.PUBLISHED, published.state());
        assertEquals(result, published.result().orElseThrow(), "kept to answer a redelivery");
    }

    @Test
    void aClaimExcludesAnotherInstanceUntilItEndsAndTheNextHolderSeesWhatItStored() {
        PasswordValidated event = event();
        PasswordResult result = succeeded(event);

        try (RequestLedger.Claim claim = ledger.claim(event.correlationId())) {
            claim.started(event, event.userDn(), 1L, DC1, NOW);
            assertThrows(RequestClaimedException.class, () -> otherInstance.claim(event.correlationId()));
            claim.applied(event, event.userDn(), result, NOW);
        }

        try (RequestLedger.Claim next = otherInstance.claim(event.correlationId())) {
            assertEquals(LedgerState.APPLIED, next.entry().orElseThrow().state());
            assertEquals(result, next.entry().orElseThrow().result().orElseThrow());
        }
    }

    @Test
    void aClaimClosedWithoutAnOutcomeLeavesTheStartedRowForTheNextHolder() {
        PasswordValidated event = event();
        try (RequestLedger.Claim claim = ledger.claim(event.correlationId())) {
            claim.started(event, event.userDn(), 7L, DC2, NOW);
        }

        try (RequestLedger.Claim next = otherInstance.claim(event.correlationId())) {
            RequestLedger.Entry entry = next.entry().orElseThrow();
            assertEquals(LedgerState.STARTED, entry.state());
            assertEquals(7L, entry.pwdLastSetBefore());
            assertEquals(DC2, entry.dc());
        }
    }

    @Test
    void aClaimDiesWithItsHoldersConnection() throws Exception {
        PasswordValidated event = event();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, PgRequestLedger.lockKey(event.correlationId()));
                lock.execute();
            }
            assertThrows(RequestClaimedException.class, () -> ledger.claim(event.correlationId()));
        } // closed without a commit, as when the worker dies

        try (RequestLedger.Claim claim = ledger.claim(event.correlationId())) {
            assertTrue(claim.entry().isEmpty());
        }
    }

    @Test
    void aSecondStartBeforeAnotherWriteReplacesTheFirstAndAnOutcomeWithoutAWriteIsStoredToo() {
        PasswordValidated started = event();
        try (RequestLedger.Claim claim = ledger.claim(started.correlationId())) {
            claim.started(started, started.userDn(), 1L, DC1, NOW);
            claim.started(started, started.userDn(), 2L, DC2, NOW);
        }
        PasswordValidated expired = event();
        try (RequestLedger.Claim claim = ledger.claim(expired.correlationId())) {
            claim.applied(expired, expired.userDn(), PasswordResult.unsuccessful(expired.correlationId(),
                    expired.operation(), expired.userKey(), expired.username(), RequestStatus.EXPIRED,
                    List.of(Violation.of(ResultCode.REQUEST_EXPIRED)), "writeback-worker", NOW), NOW);
        }

        RequestLedger.Entry restarted = ledger.find(started.correlationId()).orElseThrow();
        assertEquals(2L, restarted.pwdLastSetBefore());
        assertEquals(DC2, restarted.dc());
        RequestLedger.Entry withoutWrite = ledger.find(expired.correlationId()).orElseThrow();
        assertEquals(LedgerState.APPLIED, withoutWrite.state());
        assertNull(withoutWrite.pwdLastSetBefore());
        assertNull(withoutWrite.dc());
        assertTrue(ledger.find(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aLateWriterNeverOverwritesAFinishedRow() {
        PasswordValidated event = event();
        PasswordResult first = succeeded(event);
        try (RequestLedger.Claim claim = ledger.claim(event.correlationId())) {
            claim.started(event, event.userDn(), 1L, DC1, NOW);
            claim.applied(event, event.userDn(), first, NOW);
        }
        ledger.published(event.correlationId(), NOW);

        // A writer that goes on regardless, as one whose lock died with its connection might.
        try (RequestLedger.Claim late = otherInstance.claim(event.correlationId())) {
            PasswordResult second = PasswordResult.unsuccessful(event.correlationId(), event.operation(),
                    event.userKey(), event.username(), RequestStatus.FAILED,
                    List.of(Violation.of(ResultCode.DIRECTORY_UNAVAILABLE)), "writeback-worker", NOW.plusSeconds(1));
            assertThrows(RequestClaimedException.class, () -> late.started(event, event.userDn(), 5L, DC2, NOW));
            assertThrows(RequestClaimedException.class, () -> late.applied(event, event.userDn(), second, NOW));
        }

        RequestLedger.Entry kept = ledger.find(event.correlationId()).orElseThrow();
        assertEquals(LedgerState.PUBLISHED, kept.state());
        assertEquals(first, kept.result().orElseThrow());
        assertEquals(DC1, kept.dc());
    }

    @Test
    void onlyFinishedRequestsOlderThanTheCutoffArePurged() {
        PasswordValidated finished = event();
        PasswordValidated open = event();
        try (RequestLedger.Claim claim = ledger.claim(finished.correlationId())) {
            claim.started(finished, finished.userDn(), 1L, DC1, NOW.minusSeconds(3600));
        }
        ledger.published(finished.correlationId(), NOW.minusSeconds(3600));
        try (RequestLedger.Claim claim = ledger.claim(open.correlationId())) {
            claim.started(open, open.userDn(), 1L, DC1, NOW.minusSeconds(3600));
        }

        assertTrue(ledger.purgeBefore(NOW.minusSeconds(60)) >= 1);

        assertTrue(ledger.find(finished.correlationId()).isEmpty());
        assertEquals(LedgerState.STARTED, ledger.find(open.correlationId()).orElseThrow().state(),
                "a request not finished is kept: its recovery still needs it");
    }

    private static PasswordResult succeeded(PasswordValidated event) {
        return PasswordResult.succeeded(event.correlationId(), event.operation(), event.userKey(), event.username(),
                "writeback-worker", NOW);
    }

    static PasswordValidated event() {
        return new PasswordValidated(UUID.randomUUID(), UUID.randomUUID(), NOW, NOW.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), Operation.RESET, "ledger-test", "ledger-test",
                "CN=ledger-test,CN=Users,DC=example,DC=test", null, null, "sealed", false);
    }
}
