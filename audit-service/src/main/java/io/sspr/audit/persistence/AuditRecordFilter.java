package io.sspr.audit.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * What an auditor filters by; a null field does not filter.
 *
 * @param from records at or after this instant
 * @param to records before this instant
 * @param targetUser the user a record is about, matched without regard to case
 * @param initiatedBy who started what a record records, matched without regard to case
 */
public record AuditRecordFilter(Instant from, Instant to, String category, String activity, String result,
        String targetUser, String initiatedBy, UUID correlationId) {
    public static final AuditRecordFilter NONE = new AuditRecordFilter(null, null, null, null, null, null, null, null);

    public static AuditRecordFilter ofCorrelation(UUID correlationId) {
        return new AuditRecordFilter(null, null, null, null, null, null, null, correlationId);
    }
}
