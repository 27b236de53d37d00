package io.sspr.worker.service;

import static io.sspr.worker.testing.TestEvents.NOW;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sspr.events.Operation;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.worker.persistence.PgRequestLedger;
import io.sspr.worker.persistence.RequestClaimedException;
import io.sspr.worker.testing.FakeDirectory;
import io.sspr.worker.testing.MovableClock;
import io.sspr.worker.testing.TestDatabase;
import io.sspr.worker.testing.TestEvents;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two worker instances given the same event at once (a rebalance during a rolling update): each its own
 * WritebackService, DirectoryWriter and ledger connections, one PostgreSQL ledger (the local stack's), one
 * directory that counts writes. Exactly one writes; the other is told to try later and then sends the same result.
 */
class TwoWorkersOneLedgerIT {
    private static PGSimpleDataSource dataSourceA;
    private static PGSimpleDataSource dataSourceB;

    private final TestEvents events = new TestEvents();
    private final FakeDirectory directory = new FakeDirectory();
    private final MovableClock clock = new MovableClock(NOW);
    private final WritebackService workerA = worker(dataSourceA);
    private final WritebackService workerB = worker(dataSourceB);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void migrate() {
        dataSourceA = TestDatabase.dataSource();
        dataSourceB = TestDatabase.dataSource();
        TestDatabase.migrate();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void whileOneInstanceWritesTheOtherIsToldToTryLaterAndThenSendsTheSameResult() throws Exception {
        PasswordValidated event = events.signed(Operation.RESET, NOW.plusSeconds(300));
        CountDownLatch oneFinished = new CountDownLatch(1);
        // The writer stays inside the write until the other instance has finished its attempt: they overlap.
        directory.duringWrite(() -> awaitQuietly(oneFinished));
        CyclicBarrier start = new CyclicBarrier(2);

        Future<Object> a = threads.submit(() -> attempt(workerA, event, start, oneFinished));
        Future<Object> b = threads.submit(() -> attempt(workerB, event, start, oneFinished));
        Object first = a.get(30, TimeUnit.SECONDS);
        Object second = b.get(30, TimeUnit.SECONDS);

        assertEquals(1, directory.calls().size(), "exactly one LDAP write");
        WritebackOutcome written = first instanceof WritebackOutcome outcome ? outcome : (WritebackOutcome) second;
        Object refused = first instanceof WritebackOutcome ? second : first;
        assertInstanceOf(RequestClaimedException.class, refused, "the other is transient: " + refused);
        assertEquals(RequestStatus.SUCCEEDED, written.result().status());

        WritebackService loser = first instanceof WritebackOutcome ? workerB : workerA;
        WritebackOutcome retried = loser.handle(event);
        assertTrue(retried.resent());
        assertEquals(written.result(), retried.result(), "the stored result: one audit row");
        assertEquals(1, directory.calls().size());
    }

    @Test
    void manyRacesEachWriteOnce() throws Exception {
        int requests = 20;
        for (int i = 0; i < requests; i++) {
            PasswordValidated event = events.signed(Operation.RESET, NOW.plusSeconds(300));
            CyclicBarrier start = new CyclicBarrier(2);
            Future<WritebackOutcome> a = threads.submit(() -> untilDone(workerA, event, start));
            Future<WritebackOutcome> b = threads.submit(() -> untilDone(workerB, event, start));
            WritebackOutcome first = a.get(30, TimeUnit.SECONDS);
            WritebackOutcome second = b.get(30, TimeUnit.SECONDS);

            assertEquals(first.result(), second.result());
            assertTrue(first.resent() != second.resent(), "one wrote, the other sent the stored result");
        }
        assertEquals(requests, directory.calls().size(), "one write per request");
    }

    /** The outcome, or the exception it ended with. */
    private static Object attempt(WritebackService worker, PasswordValidated event, CyclicBarrier start,
            CountDownLatch finished) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            return worker.handle(event);
        } catch (RuntimeException e) {
            return e;
        } finally {
            finished.countDown();
        }
    }

    /** As the failure rule does: a request held by the other instance is tried again until it has its result. */
    private static WritebackOutcome untilDone(WritebackService worker, PasswordValidated event, CyclicBarrier start)
            throws Exception {
        start.await(10, TimeUnit.SECONDS);
        AtomicReference<WritebackOutcome> outcome = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    try {
                        outcome.set(worker.handle(event));
                        return true;
                    } catch (RequestClaimedException e) {
                        return false;
                    }
                });
        return outcome.get();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                fail("the other instance never finished while this one was writing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private WritebackService worker(PGSimpleDataSource dataSource) {
        PgRequestLedger ledger = new PgRequestLedger(dataSource);
        return new WritebackService(
                new DirectoryWriter(directory, events.opener(), new Backoff(2, Duration.ofMillis(1),
                        Duration.ofMillis(1)), pause -> {
                        }, clock, AfterWriteHook.NONE),
                ledger, () -> true, new OutcomeRecorder(new WritebackStats(clock), new SimpleMeterRegistry()), clock);
    }
}
