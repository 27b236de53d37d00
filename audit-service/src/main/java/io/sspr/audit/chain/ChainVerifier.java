package io.sspr.audit.chain;

import io.sspr.audit.chain.ChainReport.Anchor;
import io.sspr.audit.chain.ChainReport.BrokenLink;
import io.sspr.audit.chain.ChainReport.Reason;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Walks the chain record by record, holding only the record at hand and the next one, and reports the first broken
 * link. Used by {@code GET /api/v1/audit/verify} (records from PostgreSQL) and by the offline
 * {@link io.sspr.audit.tools.VerifyExport} (records from an export), so both judge alike:
 * <ul>
 * <li>inserted: a record without a number, with a number already passed or beyond the chain head, or one slipped in
 * between two records that are chained to each other (the next record names the one before it as its predecessor);
 * <li>missing: a number without a record, a record chained after a record that is not there, a chain head or a signed
 * checkpoint beyond the last record, or old records gone without a signed checkpoint to start from;
 * <li>altered: a record whose stored fields no longer give its hash, a signed checkpoint that disagrees with its record
 * (the chain was rewritten and its hashes recomputed), or a checkpoint whose signature does not verify.
 * </ul>
 */
public final class ChainVerifier {
    private final CheckpointVerifier signatures;

    public ChainVerifier(CheckpointVerifier signatures) {
        this.signatures = signatures;
    }

    /**
     * @param records in sequence order, records without a sequence last
     * @param checkpoints the checkpoints by sequence (at least those from the start on)
     * @param from where to start (0, or a checkpoint's sequence: records up to it are skipped), or null to start where
     *        the kept records start
     * @param head the chain head's sequence when known (PostgreSQL), empty for an export
     * @throws UnknownAnchorException when {@code from} is neither 0 nor a checkpoint whose signature verifies
     */
    public ChainReport verify(Iterator<ChainedRecord> records, NavigableMap<Long, Checkpoint> checkpoints, Long from,
            OptionalLong head) {
        Walk walk = new Walk(new Lookahead(records), checkpoints, head);
        if (from != null) {
            Anchor start = anchorAt(from, checkpoints).orElseThrow(() -> new UnknownAnchorException(from));
            walk.records.skipThrough(from);
            return walk.from(start);
        }
        long first = walk.firstSequence();
        if (first <= 1) {
            return walk.from(Anchor.GENESIS);
        }
        Optional<Anchor> start = anchorAt(first - 1, checkpoints);
        if (start.isEmpty()) {
            long vouched = checkpoints.headMap(first - 1, false).descendingMap().values().stream()
                    .filter(signatures::verifies).mapToLong(Checkpoint::sequence).findFirst().orElse(0);
            return new ChainReport(0, null, new BrokenLink(vouched + 1, Reason.missing, "the kept records start at "
                    + first + ", and no checkpoint whose signature verifies vouches for record " + (first - 1)), null);
        }
        return walk.from(start.get());
    }

    private Optional<Anchor> anchorAt(long sequence, NavigableMap<Long, Checkpoint> checkpoints) {
        if (sequence == 0) {
            return Optional.of(Anchor.GENESIS);
        }
        return Optional.ofNullable(checkpoints.get(sequence)).filter(signatures::verifies)
                .map(checkpoint -> new Anchor(checkpoint.sequence(), checkpoint.hash()));
    }

    private final class Walk {
        private final Lookahead records;
        private final NavigableMap<Long, Checkpoint> checkpoints;
        private final OptionalLong head;
        private long verified;
        private Checkpoint lastCheckpoint;

        Walk(Lookahead records, NavigableMap<Long, Checkpoint> checkpoints, OptionalLong head) {
            this.records = records;
            this.checkpoints = checkpoints;
            this.head = head;
        }

        /** The first kept record's number; with none kept, the one after the head (or after the newest checkpoint). */
        long firstSequence() {
            ChainedRecord first = records.peek();
            if (first != null && first.sequence() != null) {
                return first.sequence();
            }
            if (head.isPresent()) {
                return head.getAsLong() + 1;
            }
            return checkpoints.isEmpty() ? 1 : checkpoints.lastKey() + 1;
        }

        ChainReport from(Anchor start) {
            lastCheckpoint = start.sequence() == 0 ? null : checkpoints.get(start.sequence());
            BrokenLink broken = walk(start);
            return new ChainReport(verified, start, broken, lastCheckpoint);
        }

        private BrokenLink walk(Anchor start) {
            long last = start.sequence();
            String previous = start.hash();
            while (records.hasNext()) {
                ChainedRecord record = records.next();
                Long number = record.sequence();
                if (number == null) {
                    return new BrokenLink(null, Reason.inserted, "record " + record.id() + " has no place in the chain");
                }
                if (number <= last) {
                    return new BrokenLink(number, Reason.inserted, "a second record numbered " + number + " ("
                            + record.id() + ")");
                }
                if (head.isPresent() && number > head.getAsLong()) {
                    return new BrokenLink(number, Reason.inserted, "record " + number + " lies beyond the chain head "
                            + head.getAsLong());
                }
                if (number > last + 1) {
                    return new BrokenLink(last + 1, Reason.missing, "no record numbered " + (last + 1));
                }
                ChainedRecord next = records.peek();
                if (next != null && next.sequence() != null && next.sequence() == number + 1
                        && previous.equals(next.previousHash())) {
                    return new BrokenLink(number, Reason.inserted, "record " + (number + 1) + " is chained to record "
                            + last + ": record " + number + " was slipped in between");
                }
                if (!previous.equals(record.previousHash())) {
                    return new BrokenLink(number, Reason.missing, "record " + number
                            + " was chained after a record that is no longer there");
                }
                if (!hashOf(number, previous, record).equals(record.hash())) {
                    return new BrokenLink(number, Reason.altered, "the stored fields of record " + number
                            + " no longer give its hash");
                }
                Checkpoint checkpoint = checkpoints.get(number);
                if (checkpoint != null) {
                    if (!signatures.verifies(checkpoint)) {
                        return new BrokenLink(number, Reason.altered, "the signature of checkpoint " + number
                                + " does not verify");
                    }
                    if (!checkpoint.hash().equals(record.hash())) {
                        return new BrokenLink(number, Reason.altered, "record " + number + " differs from its signed "
                                + "checkpoint: the chain up to it was rewritten");
                    }
                    lastCheckpoint = checkpoint;
                }
                verified++;
                last = number;
                previous = record.hash();
            }
            return end(last);
        }

        /** Records gone from the end show as a head or a signed checkpoint beyond the last record. */
        private BrokenLink end(long last) {
            if (head.isPresent() && head.getAsLong() > last) {
                return new BrokenLink(last + 1, Reason.missing, "the chain head is record " + head.getAsLong()
                        + ", but the records end at " + last);
            }
            Map.Entry<Long, Checkpoint> beyond = checkpoints.higherEntry(last);
            if (beyond == null) {
                return null;
            }
            if (!signatures.verifies(beyond.getValue())) {
                return new BrokenLink(beyond.getKey(), Reason.altered, "the signature of checkpoint " + beyond.getKey()
                        + " does not verify");
            }
            return new BrokenLink(last + 1, Reason.missing, "signed checkpoint " + beyond.getKey()
                    + " lies beyond the last record, " + last);
        }

        /** A stored previous hash that is not hex cannot match: the record is reported, not the walk aborted. */
        private static String hashOf(long number, String previous, ChainedRecord record) {
            try {
                return ChainHash.of(number, previous, record);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }

    /** The records with one record of lookahead. */
    private static final class Lookahead implements Iterator<ChainedRecord> {
        private final Iterator<ChainedRecord> records;
        private ChainedRecord next;

        Lookahead(Iterator<ChainedRecord> records) {
            this.records = records;
        }

        ChainedRecord peek() {
            if (next == null && records.hasNext()) {
                next = records.next();
            }
            return next;
        }

        void skipThrough(long sequence) {
            while (peek() != null && next.sequence() != null && next.sequence() <= sequence) {
                next = null;
            }
        }

        @Override
        public boolean hasNext() {
            return peek() != null;
        }

        @Override
        public ChainedRecord next() {
            ChainedRecord record = peek();
            if (record == null) {
                throw new NoSuchElementException();
            }
            next = null;
            return record;
        }
    }
}
