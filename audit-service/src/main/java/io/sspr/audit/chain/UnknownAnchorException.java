package io.sspr.audit.chain;

/** A walk or an export was asked to start where no signed checkpoint (nor the genesis) vouches for the chain. */
public class UnknownAnchorException extends IllegalArgumentException {
    public UnknownAnchorException(long sequence) {
        super("fromSequence " + sequence + " is neither 0 nor the sequence of a checkpoint whose signature verifies.");
    }
}
