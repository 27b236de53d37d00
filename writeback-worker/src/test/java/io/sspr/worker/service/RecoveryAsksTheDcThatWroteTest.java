package io.sspr.worker.service;

import static io.sspr.worker.testing.TestEvents.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.worker.directory.LdapPasswordDirectory;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.testing.InMemoryDcs;
import io.sspr.worker.testing.InMemoryLedger;
import io.sspr.worker.testing.MovableClock;
import io.sspr.worker.testing.TestEvents;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that stopped after a STARTED row naming the second DC, recovered by one whose connections are on the
 * first DC, which has not replicated the account's latest pwdLastSet: only the DC that wrote can say what happened.
 */
class RecoveryAsksTheDcThatWroteTest {
    private final TestEvents events = new TestEvents();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private InMemoryDcs dcs;
    private LdapPasswordDirectory directory;
    private WritebackService service;

    @BeforeEach
    void start() throws Exception {
        dcs = new InMemoryDcs(100, 200);
        directory = new LdapPasswordDirectory(dcs.settings());
        MovableClock clock = new MovableClock(NOW);
        service = new WritebackService(
                new DirectoryWriter(directory, events.opener(), new Backoff(2, Duration.ofMillis(1),
                        Duration.ofMillis(1)), pause -> {
                        }, clock, AfterWriteHook.NONE),
                ledger, () -> true, new OutcomeRecorder(new WritebackStats(clock), new SimpleMeterRegistry()),
                clock);
    }

    @AfterEach
    void stop() {
        directory.close();
        dcs.close();
    }

    @Test
    void theDcThatWroteShowsTheWriteSoItIsNotWrittenAgain() throws Exception {
        PasswordValidated event = events.signed(Operation.ADMIN_RESET, NOW.plusSeconds(300));
        ledger.startedBefore(event, 200, dcs.server(1));
        dcs.setPwdLastSet(1, 201); // the write happened there; the first DC still shows 100

        PasswordResult result = service.handle(event).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(0, dcs.writes(0) + dcs.writes(1), "not written again");
    }

    @Test
    void theDcThatWroteShowsNoWriteSoItIsWrittenOnceThoughAnotherDcDiffers() {
        PasswordValidated event = events.signed(Operation.ADMIN_RESET, NOW.plusSeconds(300));
        // The first DC's 100 differs from 200: asked there, the recovery would call it done and write nothing.
        ledger.startedBefore(event, 200, dcs.server(1));

        PasswordResult result = service.handle(event).result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(1, dcs.writes(0), "written once, through the pool's DC");
        assertEquals(0, dcs.writes(1));
        var entry = ledger.find(event.correlationId()).orElseThrow();
        assertEquals(LedgerState.APPLIED, entry.state());
        assertEquals(dcs.server(0), entry.dc(), "the new write's DC replaced the old one");
        assertEquals(100L, entry.pwdLastSetBefore(), "read on the DC that wrote");
    }
}
