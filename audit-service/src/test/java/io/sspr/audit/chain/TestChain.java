package io.sspr.audit.chain;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.crypto.Keysets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/** A chain built in memory as the database's trigger builds it, with checkpoints signed by a fresh key. */
public final class TestChain {
    public static final KeysetHandle KEYS = Keysets.newSigningKeyset();
    public static final CheckpointSigner SIGNER = new CheckpointSigner(KEYS);
    public static final CheckpointVerifier SIGNATURES = new CheckpointVerifier(Keysets.publicPart(KEYS));

    public final List<ChainedRecord> records = new ArrayList<>();
    public final NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();

    /** Records 1..count, chained from the genesis. */
    public static TestChain of(int count) {
        TestChain chain = new TestChain();
        for (int i = 0; i < count; i++) {
            chain.append(record("record " + (i + 1)));
        }
        return chain;
    }

    public static ChainedRecord record(String reason) {
        Instant at = Instant.parse("2026-03-04T05:06:07.123456Z");
        return new ChainedRecord(null, null, null, UUID.randomUUID(), "UserManagement", UUID.randomUUID(), at,
                "Reset password (self-service)", "reset-portal", "Update", "success", reason, "jdoe@example.test",
                "guid-1", "jdoe", List.of(new ChainedRecord.Detail("stage", "requested")), at.plusMillis(3));
    }

    /** Appends the record as the next link: its number, previous hash and hash as the trigger sets them. */
    public TestChain append(ChainedRecord record) {
        long sequence = records.size() + 1;
        String previous = records.isEmpty() ? ChainHash.GENESIS : records.get(records.size() - 1).hash();
        records.add(chained(record, sequence, previous));
        return this;
    }

    public static ChainedRecord chained(ChainedRecord record, long sequence, String previous) {
        ChainedRecord placed = withChain(record, sequence, previous, null);
        return withChain(record, sequence, previous, ChainHash.of(sequence, previous, placed));
    }

    public static ChainedRecord withChain(ChainedRecord r, Long sequence, String previous, String hash) {
        return new ChainedRecord(sequence, previous, hash, r.id(), r.category(), r.correlationId(),
                r.activityDateTime(), r.activityDisplayName(), r.loggedByService(), r.operationType(), r.result(),
                r.resultReason(), r.initiatedByUpn(), r.targetUserKey(), r.targetUpn(), r.additionalDetails(),
                r.recordedAt());
    }

    public static ChainedRecord withReason(ChainedRecord r, String reason) {
        return new ChainedRecord(r.sequence(), r.previousHash(), r.hash(), r.id(), r.category(), r.correlationId(),
                r.activityDateTime(), r.activityDisplayName(), r.loggedByService(), r.operationType(), r.result(),
                reason, r.initiatedByUpn(), r.targetUserKey(), r.targetUpn(), r.additionalDetails(), r.recordedAt());
    }

    /** Signs the record numbered {@code sequence} as a checkpoint. */
    public Checkpoint checkpoint(long sequence) {
        Checkpoint checkpoint = SIGNER.sign(sequence, records.get((int) sequence - 1).hash(),
                Instant.parse("2026-03-04T06:00:00Z"));
        checkpoints.put(sequence, checkpoint);
        return checkpoint;
    }
}
