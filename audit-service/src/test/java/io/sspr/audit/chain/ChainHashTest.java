package io.sspr.audit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The canonical encoding, pinned. The database's trigger computes the same hash (AuditChainTest checks stored records
 * of every shape against this class); a change here is a new encoding version, made in V4's SQL as well.
 */
class ChainHashTest {
    private static final ChainedRecord RECORD = new ChainedRecord(null, null, null,
            UUID.fromString("0b0e6a8c-4a57-4cde-9d33-2f6a3c5a9e01"), "UserManagement",
            UUID.fromString("7d3f2c1a-9b8e-4f6d-a5c4-3b2a1f0e9d8c"), Instant.parse("2026-03-04T05:06:07.123456Z"),
            "Reset password (self-service)", "reset-portal", "Update", "failure", "PASSWORD_TOO_SHORT: Zu kurz ✓",
            null, "guid-1", "jdoe", List.of(new ChainedRecord.Detail("stage", "result"),
                    new ChainedRecord.Detail("code", null)), Instant.parse("2026-03-04T05:06:08.000001Z"));

    /**
     * Computed independently from the encoding as README.md spells it (a few lines of Python's struct and hashlib),
     * so the documentation, this class and the trigger describe one encoding.
     */
    @Test
    void theEncodingOfAKnownRecordGivesItsKnownHash() {
        assertEquals(GOLDEN, ChainHash.of(42, ChainHash.GENESIS, RECORD));
    }

    @Test
    void theGenesisIsThirtyTwoZeroBytes() {
        assertEquals("00".repeat(32), ChainHash.GENESIS);
    }

    @Test
    void aNullDiffersFromAnEmptyTextAndTextCannotMoveBetweenFields() {
        String hash = ChainHash.of(1, ChainHash.GENESIS, RECORD);
        assertNotEquals(hash, ChainHash.of(1, ChainHash.GENESIS, TestChain.withReason(RECORD, "")));
        ChainedRecord moved = new ChainedRecord(null, null, null, RECORD.id(), "UserManagementR",
                RECORD.correlationId(), RECORD.activityDateTime(), "eset password (self-service)",
                RECORD.loggedByService(), RECORD.operationType(), RECORD.result(), RECORD.resultReason(), null,
                RECORD.targetUserKey(), RECORD.targetUpn(), RECORD.additionalDetails(), RECORD.recordedAt());
        assertNotEquals(hash, ChainHash.of(1, ChainHash.GENESIS, moved));
    }

    @Test
    void theNumberThePredecessorAndEachTimeToTheMicrosecondCount() {
        String hash = ChainHash.of(1, ChainHash.GENESIS, RECORD);
        assertNotEquals(hash, ChainHash.of(2, ChainHash.GENESIS, RECORD));
        assertNotEquals(hash, ChainHash.of(1, "01" + "00".repeat(31), RECORD));
        ChainedRecord later = new ChainedRecord(null, null, null, RECORD.id(), RECORD.category(),
                RECORD.correlationId(), RECORD.activityDateTime(), RECORD.activityDisplayName(),
                RECORD.loggedByService(), RECORD.operationType(), RECORD.result(), RECORD.resultReason(), null,
                RECORD.targetUserKey(), RECORD.targetUpn(), RECORD.additionalDetails(),
                RECORD.recordedAt().plusNanos(1_000));
        assertNotEquals(hash, ChainHash.of(1, ChainHash.GENESIS, later));
    }

    @Test
    void detailsCountInTheirOrder() {
        ChainedRecord swapped = new ChainedRecord(null, null, null, RECORD.id(), RECORD.category(),
                RECORD.correlationId(), RECORD.activityDateTime(), RECORD.activityDisplayName(),
                RECORD.loggedByService(), RECORD.operationType(), RECORD.result(), RECORD.resultReason(), null,
                RECORD.targetUserKey(), RECORD.targetUpn(), List.of(RECORD.additionalDetails().get(1),
                        RECORD.additionalDetails().get(0)), RECORD.recordedAt());
        assertNotEquals(ChainHash.of(1, ChainHash.GENESIS, RECORD), ChainHash.of(1, ChainHash.GENESIS, swapped));
    }

    @Test
    void timesBeforeNineteenSeventyEncodeAsNegativeMicroseconds() {
        assertEquals(-1, ChainHash.micros(Instant.parse("1969-12-31T23:59:59.999999Z")));
        assertEquals(1_000_001, ChainHash.micros(Instant.parse("1970-01-01T00:00:01.000001Z")));
    }

    private static final String GOLDEN = "8af23766f28fd6bbd16511025e29264992246a9f6aac1e31b08fddc92ffb997e";
}
