package io.sspr.worker.persistence;

import java.util.UUID;

/**
 * Another worker instance holds this request (two instances given the same event, as in a rebalance during a
 * rolling update), or finished it first. Transient: the record is tried again later, and by then the ledger holds
 * the other instance's result, which is sent again instead of writing twice.
 */
public class RequestClaimedException extends RuntimeException {
    public RequestClaimedException(UUID correlationId, String what) {
        super("request " + correlationId + " " + what);
    }
}
