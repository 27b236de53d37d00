package io.sspr.worker.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sspr.events.ResultCode;
import io.sspr.worker.testing.InMemoryDcs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which DC answers: finds and writes on the first DC that answers, a recovery's read on the DC it names. Two
 * in-memory DCs that disagree on alice's pwdLastSet (replication not done yet) show which one was asked.
 */
class LdapPasswordDirectoryDcTest {
    private static final AccountRef ALICE = new AccountRef(null, "alice");

    private InMemoryDcs dcs;
    private LdapPasswordDirectory directory;

    @BeforeEach
    void start() throws Exception {
        dcs = new InMemoryDcs(100, 200);
        directory = new LdapPasswordDirectory(dcs.settings());
    }

    @AfterEach
    void stop() {
        directory.close();
        dcs.close();
    }

    @Test
    void findAndWritesUseTheFirstDcAndNameIt() throws Exception {
        DirectoryAccount found = directory.find(ALICE);

        assertEquals(100, found.pwdLastSet());
        assertEquals(dcs.server(0), found.server());
        try (WriteSession session = directory.openWrite()) {
            assertEquals(dcs.server(0), session.server());
            assertEquals(100, session.pwdLastSet(found));
        }
    }

    @Test
    void aRecoveryReadsTheDcThatWroteNotThePoolsDc() throws Exception {
        directory.find(ALICE); // the pool is connected to the first DC

        DirectoryAccount second = directory.findAt(dcs.server(1), ALICE);
        DirectoryAccount first = directory.findAt(dcs.server(0), ALICE);

        assertEquals(200, second.pwdLastSet());
        assertEquals(dcs.server(1), second.server());
        assertEquals(100, first.pwdLastSet());
        assertEquals(dcs.server(0), first.server());
    }

    @Test
    void theDcThatWroteIsWaitedForWhileItIsConfiguredButDoesNotAnswer() {
        dcs.stop(1);

        DirectoryException e = assertThrows(DirectoryException.class, () -> directory.findAt(dcs.server(1), ALICE));

        assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, e.code(), "never answered by another DC");
    }

    @Test
    void aDcNoLongerConfiguredIsGoneForGoodAndThePoolIsAsked() throws Exception {
        DirectoryAccount found = directory.findAt("retired-dc.example.test:636", ALICE);
        DirectoryAccount unrecorded = directory.findAt(null, ALICE);

        assertEquals(dcs.server(0), found.server());
        assertEquals(dcs.server(0), unrecorded.server());
    }
}
