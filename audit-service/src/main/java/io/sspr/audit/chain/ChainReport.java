package io.sspr.audit.chain;

/**
 * What a walk of the chain found.
 *
 * @param verified records checked and found in place, from {@code startedFrom} on
 * @param startedFrom where the walk began: sequence 0 and {@link ChainHash#GENESIS} for the first record, else the
 *        signed checkpoint just before the oldest record kept (retention) or the one asked for; null when no signed
 *        checkpoint vouches for the oldest record kept
 * @param firstBrokenLink the first place the chain is broken, or null when it is whole
 * @param lastCheckpoint the newest signed checkpoint the walk confirmed (its record was reached and matched it), or
 *        the one it started from; records after it are chained but not yet signed
 */
public record ChainReport(long verified, Anchor startedFrom, BrokenLink firstBrokenLink, Checkpoint lastCheckpoint) {

    /** A record's hash the walk trusts without seeing the record: the genesis, or a signed checkpoint. */
    public record Anchor(long sequence, String hash) {
        public static final Anchor GENESIS = new Anchor(0, ChainHash.GENESIS);
    }

    /**
     * @param sequence where the chain breaks (null for a record that has no number at all)
     * @param reason altered (a record's fields or hash no longer agree, or a signed checkpoint disagrees), missing (a
     *        record is gone) or inserted (a record that is not part of the chain as it was written)
     * @param detail what exactly was found, for a person
     */
    public record BrokenLink(Long sequence, Reason reason, String detail) {
    }

    /** Lower case on the wire, as the brief and Graph's enumerations spell them. */
    public enum Reason {
        altered, missing, inserted
    }

    public boolean intact() {
        return firstBrokenLink == null;
    }
}
