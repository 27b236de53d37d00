package io.sspr.worker.persistence;

import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The durable record of what the worker wrote; see {@link LedgerState}. */
public interface RequestLedger {

    /** What is known about a request, if anything. */
    record Entry(UUID correlationId, UUID eventId, LedgerState state, Long pwdLastSetBefore,
            Optional<PasswordResult> result) {
    }

    Optional<Entry> find(UUID correlationId);

    /** Stored before the directory is written; a second call for the same request keeps the first row. */
    void started(PasswordValidated event, String userDn, long pwdLastSetBefore, Instant now);

    /** The directory's answer, stored right after the write (or the refusal without one). */
    void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now);

    void published(UUID correlationId, Instant now);

    /** Forgets finished requests started before {@code cutoff}; returns how many. */
    long purgeBefore(Instant cutoff);
}
