package io.sspr.worker.persistence;

import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The durable record of what the worker wrote; see {@link LedgerState}. */
public interface RequestLedger {

    /**
     * What is known about a request, if anything.
     *
     * @param pwdLastSetBefore the account's pwdLastSet on {@code dc} just before the write began; null when nothing
     *        was written
     * @param dc the DC (host:port) the write went to; null when nothing was written, or in a row from before V2
     */
    record Entry(UUID correlationId, UUID eventId, LedgerState state, Long pwdLastSetBefore, String dc,
            Optional<PasswordResult> result) {
    }

    /**
     * Claims the request for this instance until the claim is closed: of several instances given the same event at
     * once, one holds it and the others get {@link RequestClaimedException}. A claim dies with its holder.
     *
     * @throws RequestClaimedException when another instance holds it
     */
    Claim claim(UUID correlationId);

    /** One instance's hold on one request, from reading its row to storing its outcome. */
    interface Claim extends AutoCloseable {

        /** The row as it was when the claim was taken. */
        Optional<Entry> entry();

        /**
         * Durable before it returns, so it is stored before the directory is written; called again before a second
         * write of the same request (after the DC showed the first did not happen), it replaces the first.
         *
         * @throws RequestClaimedException when the request was finished by another instance
         */
        void started(PasswordValidated event, String userDn, long pwdLastSetBefore, String dc, Instant now);

        /**
         * The outcome (with or without a write), stored and released together; a request another instance already
         * finished keeps that outcome.
         *
         * @throws RequestClaimedException when the request was finished by another instance
         */
        void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now);

        /** Releases the claim; what {@link #applied} did not store is forgotten. */
        @Override
        void close();
    }

    /** The row as it is now, without a claim; for diagnostics and tests. */
    Optional<Entry> find(UUID correlationId);

    void published(UUID correlationId, Instant now);

    /** Forgets finished requests started before {@code cutoff}; returns how many. */
    long purgeBefore(Instant cutoff);
}
