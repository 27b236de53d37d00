package io.sspr.audit.persistence;

import java.time.Instant;
import java.util.UUID;

/** Where a record stands in the auditors' order: its activityDateTime, and its id for records that share one. */
public record RecordPosition(Instant activityDateTime, UUID id) {
    public static RecordPosition of(AuditRecord record) {
        return new RecordPosition(record.activityDateTime, record.id);
    }
}
