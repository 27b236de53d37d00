package io.sspr.worker.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.SsprEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The ledger's statements against the real PostgreSQL of deploy/local/stack, schema migrated by Flyway. */
class PgRequestLedgerIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static PgRequestLedger ledger;

    @BeforeAll
    static void migrate() {
        String url = System.getenv("POSTGRES_JDBC_URL");
        if (url == null || url.isBlank()) {
            fail("POSTGRES_JDBC_URL is not set: run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"`");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(System.getenv().getOrDefault("POSTGRES_USER", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("POSTGRES_PASSWORD", ""));
        dataSource.setCurrentSchema("writeback");
        Flyway.configure().dataSource(dataSource).schemas("writeback").createSchemas(true).load().migrate();
        ledger = new PgRequestLedger(dataSource);
    }

    @Test
    void aRequestGoesFromStartedToAppliedToPublished() {
        PasswordValidated event = event();
        PasswordResult result = PasswordResult.succeeded(event.correlationId(), event.operation(), event.userKey(),
                event.username(), "writeback-worker", NOW);

        ledger.started(event, event.userDn(), 133_000_000_000_000_000L, NOW);
        RequestLedger.Entry started = ledger.find(event.correlationId()).orElseThrow();
        ledger.applied(event, event.userDn(), result, NOW);
        RequestLedger.Entry applied = ledger.find(event.correlationId()).orElseThrow();
        ledger.published(event.correlationId(), NOW);

        assertEquals(LedgerState.STARTED, started.state());
        assertEquals(133_000_000_000_000_000L, started.pwdLastSetBefore());
        assertTrue(started.result().isEmpty());
        assertEquals(LedgerState.APPLIED, applied.state());
        assertEquals(result, applied.result().orElseThrow());
        assertEquals(133_000_000_000_000_000L, applied.pwdLastSetBefore(), "kept for a later recovery");
        assertEquals(LedgerState.PUBLISHED, ledger.find(event.correlationId()).orElseThrow().state());
    }

    @Test
    void aSecondStartKeepsTheFirstValueAndAnOutcomeWithoutAWriteIsStoredToo() {
        PasswordValidated started = event();
        ledger.started(started, started.userDn(), 1L, NOW);
        ledger.started(started, started.userDn(), 2L, NOW);
        PasswordValidated refused = event();
        ledger.applied(refused, refused.userDn(), PasswordResult.succeeded(refused.correlationId(),
                refused.operation(), refused.userKey(), refused.username(), "writeback-worker", NOW), NOW);

        assertEquals(1L, ledger.find(started.correlationId()).orElseThrow().pwdLastSetBefore());
        RequestLedger.Entry withoutWrite = ledger.find(refused.correlationId()).orElseThrow();
        assertEquals(LedgerState.APPLIED, withoutWrite.state());
        assertEquals(null, withoutWrite.pwdLastSetBefore());
        assertTrue(ledger.find(UUID.randomUUID()).isEmpty());
    }

    @Test
    void onlyFinishedRequestsOlderThanTheCutoffArePurged() {
        PasswordValidated finished = event();
        ledger.started(finished, finished.userDn(), 1L, NOW.minusSeconds(3600));
        ledger.published(finished.correlationId(), NOW.minusSeconds(3600));
        PasswordValidated open = event();
        ledger.started(open, open.userDn(), 1L, NOW.minusSeconds(3600));

        assertTrue(ledger.purgeBefore(NOW.minusSeconds(60)) >= 1);

        assertTrue(ledger.find(finished.correlationId()).isEmpty());
        assertEquals(LedgerState.STARTED, ledger.find(open.correlationId()).orElseThrow().state(),
                "a request not finished is kept: its recovery still needs it");
    }

    private static PasswordValidated event() {
        return new PasswordValidated(UUID.randomUUID(), UUID.randomUUID(), NOW, NOW.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), Operation.RESET, "ledger-test", "ledger-test",
                "CN=ledger-test,CN=Users,DC=example,DC=test", null, null, "sealed", false, "signature");
    }
}
