package io.sspr.audit.chain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored record with its place in the chain, exactly as stored: what {@link ChainHash} covers, and the line the
 * chain export writes for each record. Hashes are lower-case hex.
 *
 * @param sequence its number in the chain (gap-free from 1; null only if someone wrote around the database's trigger)
 * @param previousHash the hash of the record before it, as stored with it
 * @param hash its own hash, as stored
 */
public record ChainedRecord(
        Long sequence,
        String previousHash,
        String hash,
        UUID id,
        String category,
        UUID correlationId,
        Instant activityDateTime,
        String activityDisplayName,
        String loggedByService,
        String operationType,
        String result,
        String resultReason,
        String initiatedByUpn,
        String targetUserKey,
        String targetUpn,
        List<Detail> additionalDetails,
        Instant recordedAt) {

    /** One additionalDetails entry; either part may be null. */
    public record Detail(String key, String value) {
    }

    public ChainedRecord {
        additionalDetails = additionalDetails == null ? List.of() : List.copyOf(additionalDetails);
    }
}
