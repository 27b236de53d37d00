package io.sspr.audit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.audit.chain.ChainReport.BrokenLink;
import io.sspr.audit.chain.ChainReport.Reason;
import io.sspr.events.crypto.Keysets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The walk's judgement on chains built in memory, each broken in one known way. */
class ChainVerifierTest {
    private final ChainVerifier verifier = new ChainVerifier(TestChain.SIGNATURES);

    @Test
    void aWholeChainVerifiesFromTheGenesisUpToItsLastCheckpoint() {
        TestChain chain = TestChain.of(10);
        chain.checkpoint(4);
        Checkpoint last = chain.checkpoint(8);

        ChainReport report = verify(chain, chain.records, 10);

        assertTrue(report.intact());
        assertEquals(10, report.verified());
        assertEquals(ChainReport.Anchor.GENESIS, report.startedFrom());
        assertEquals(last, report.lastCheckpoint());
    }

    @Test
    void anAlteredFieldIsAlteredAtItsRecord() {
        TestChain chain = TestChain.of(10);
        List<ChainedRecord> records = new ArrayList<>(chain.records);
        records.set(4, TestChain.withReason(records.get(4), "forged"));

        assertBroken(verify(chain, records, 10), 5, Reason.altered, 4);
    }

    @Test
    void aRemovedRecordIsMissingAtItsNumber() {
        TestChain chain = TestChain.of(10);
        List<ChainedRecord> records = new ArrayList<>(chain.records);
        records.remove(4);

        assertBroken(verify(chain, records, 10), 5, Reason.missing, 4);
    }

    @Test
    void aRemovedRecordWhoseSuccessorsWereRenumberedIsMissing() {
        TestChain chain = TestChain.of(10);
        List<ChainedRecord> records = new ArrayList<>(chain.records.subList(0, 4));
        for (ChainedRecord later : chain.records.subList(5, 10)) {
            records.add(TestChain.withChain(later, later.sequence() - 1, later.previousHash(), later.hash()));
        }

        assertBroken(verify(chain, records, 9), 5, Reason.missing, 4);
    }

    @Test
    void recordsRemovedFromTheEndAreMissingBeforeTheHeadOrASignedCheckpoint() {
        TestChain chain = TestChain.of(10);
        chain.checkpoint(9);
        List<ChainedRecord> records = chain.records.subList(0, 7);

        assertBroken(verify(chain, records, 10), 8, Reason.missing, 7);
        // an export knows no head: the signed checkpoint beyond its last record gives it away
        assertBroken(verifier.verify(records.iterator(), chain.checkpoints, null, OptionalLong.empty()), 8,
                Reason.missing, 7);
    }

    @Test
    void aRecordSlippedInBetweenIsInsertedWhetherItsHashIsRightOrNot() {
        TestChain chain = TestChain.of(10);
        ChainedRecord previous = chain.records.get(3);
        ChainedRecord wellMade = TestChain.chained(TestChain.record("slipped in"), 5, previous.hash());
        ChainedRecord badlyMade = TestChain.withChain(TestChain.record("slipped in"), 5L, previous.hash(),
                "ab".repeat(32));
        for (ChainedRecord forged : List.of(wellMade, badlyMade)) {
            List<ChainedRecord> records = new ArrayList<>(chain.records.subList(0, 4));
            records.add(forged);
            for (ChainedRecord later : chain.records.subList(4, 10)) {
                records.add(TestChain.withChain(later, later.sequence() + 1, later.previousHash(), later.hash()));
            }
            assertBroken(verify(chain, records, 11), 5, Reason.inserted, 4);
        }
    }

    @Test
    void aRecordWithoutANumberATakenNumberOrOneBeyondTheHeadIsInserted() {
        TestChain chain = TestChain.of(5);
        List<ChainedRecord> unnumbered = new ArrayList<>(chain.records);
        unnumbered.add(TestChain.withChain(TestChain.record("no number"), null, null, null));
        BrokenLink none = verify(chain, unnumbered, 5).firstBrokenLink();
        assertNull(none.sequence());
        assertEquals(Reason.inserted, none.reason());

        List<ChainedRecord> twice = new ArrayList<>(chain.records.subList(0, 3));
        twice.add(TestChain.chained(TestChain.record("a second third"), 3, chain.records.get(1).hash()));
        twice.addAll(chain.records.subList(3, 5));
        assertBroken(verify(chain, twice, 5), 3, Reason.inserted, 3);

        List<ChainedRecord> beyond = new ArrayList<>(chain.records);
        beyond.add(TestChain.chained(TestChain.record("after the head"), 6, chain.records.get(4).hash()));
        assertBroken(verify(chain, beyond, 5), 6, Reason.inserted, 5);
    }

    /** Whoever can write the table can recompute every hash after a change: only a signed checkpoint tells. */
    @Test
    void aRewrittenChainIsAlteredAtTheFirstCheckpointItContradicts() {
        TestChain chain = TestChain.of(10);
        chain.checkpoint(3);
        chain.checkpoint(7);
        TestChain rewritten = new TestChain();
        for (ChainedRecord record : chain.records) {
            rewritten.append(record.sequence() == 5 ? TestChain.withReason(record, "rewritten") : record);
        }

        ChainReport report = verify(chain, rewritten.records, 10);

        assertBroken(report, 7, Reason.altered, 6);
        assertEquals(chain.checkpoints.get(3L), report.lastCheckpoint());
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsAltered() {
        TestChain chain = TestChain.of(6);
        Checkpoint genuine = chain.checkpoint(4);
        Checkpoint forged = new CheckpointSigner(Keysets.newSigningKeyset()).sign(4, genuine.hash(), Instant.now());
        chain.checkpoints.put(4L, forged);

        assertBroken(verify(chain, chain.records, 6), 4, Reason.altered, 3);
    }

    @Test
    void afterRetentionTheKeptRecordsVerifyFromTheCheckpointBeforeTheCut() {
        TestChain chain = TestChain.of(10);
        chain.checkpoint(2);
        Checkpoint cut = chain.checkpoint(4);
        Checkpoint last = chain.checkpoint(9);

        ChainReport report = verify(chain, chain.records.subList(4, 10), 10);

        assertTrue(report.intact(), () -> report.firstBrokenLink().detail());
        assertEquals(new ChainReport.Anchor(4, cut.hash()), report.startedFrom());
        assertEquals(6, report.verified());
        assertEquals(last, report.lastCheckpoint());
    }

    @Test
    void oldRecordsGoneWithoutACheckpointToStartFromAreMissing() {
        TestChain chain = TestChain.of(10);
        chain.checkpoint(2);
        chain.checkpoint(4);

        ChainReport report = verify(chain, chain.records.subList(5, 10), 10);

        assertNull(report.startedFrom());
        assertEquals(new BrokenLink(5L, Reason.missing, report.firstBrokenLink().detail()), report.firstBrokenLink());
    }

    @Test
    void aWalkStartsAtTheCheckpointAskedForAndOnlyThere() {
        TestChain chain = TestChain.of(10);
        Checkpoint start = chain.checkpoint(6);
        List<ChainedRecord> records = new ArrayList<>(chain.records);
        records.set(2, TestChain.withReason(records.get(2), "before the start"));

        ChainReport report = verifier.verify(records.iterator(), chain.checkpoints, 6L, OptionalLong.of(10));

        assertTrue(report.intact());
        assertEquals(4, report.verified());
        assertEquals(start, report.lastCheckpoint());
        assertThrows(UnknownAnchorException.class,
                () -> verifier.verify(records.iterator(), chain.checkpoints, 5L, OptionalLong.of(10)));
        assertEquals(10, verifier.verify(chain.records.iterator(), chain.checkpoints, 0L, OptionalLong.of(10))
                .verified());
    }

    @Test
    void anEmptyChainIsWhole() {
        ChainReport report = verifier.verify(List.<ChainedRecord>of().iterator(), new TreeMap<>(), null,
                OptionalLong.of(0));
        assertTrue(report.intact());
        assertEquals(0, report.verified());
    }

    private ChainReport verify(TestChain chain, List<ChainedRecord> records, long head) {
        return verifier.verify(records.iterator(), chain.checkpoints, null, OptionalLong.of(head));
    }

    private static void assertBroken(ChainReport report, long sequence, Reason reason, long verified) {
        BrokenLink broken = report.firstBrokenLink();
        assertEquals(List.of(sequence, reason), List.of(broken.sequence(), broken.reason()), broken.detail());
        assertEquals(verified, report.verified(), "records verified before the break");
    }
}
