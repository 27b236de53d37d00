package io.sspr.audit.persistence;

import java.util.UUID;

/** What an auditor filters by; a null field does not filter. */
public record AuditRecordFilter(String category, UUID correlationId, String activity, String result) {
}
