package io.sspr.audit.service;

import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.Services;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records who read the audit log, and who was refused: each read, each 401 and each 403 becomes a record of the audit
 * table itself (category {@value #CATEGORY}, activity {@value #ACTIVITY}), stored like an event's record, so an
 * auditor's reads are audited where everything else is.
 */
@ApplicationScoped
public class ReadAuditor {
    public static final String CATEGORY = "Audit";
    public static final String ACTIVITY = "Read audit records";
    static final String OPERATION_TYPE = "Read";

    /**
     * One read or refusal.
     *
     * @param correlationId this request's own id (each read is its own operation)
     * @param reader the token's user name, or {@code anonymous}
     * @param details what was asked for (the filters, never the answer) and how it went, in the order shown
     */
    public record Read(UUID correlationId, String reader, boolean succeeded, String reason,
            Map<String, String> details) {
    }

    private final AuditRecordService audit;

    public ReadAuditor(AuditRecordService audit) {
        this.audit = audit;
    }

    /** Stored before the answer is sent: a read that cannot be recorded is not answered. */
    public void record(Read read) {
        AuditRecord record = new AuditRecord();
        record.id = UUID.randomUUID();
        record.category = CATEGORY;
        record.correlationId = read.correlationId();
        record.activityDateTime = Instant.now();
        record.activityDisplayName = ACTIVITY;
        record.loggedByService = Services.AUDIT_SERVICE;
        record.operationType = OPERATION_TYPE;
        record.result = (read.succeeded() ? AuditResult.success : AuditResult.failure).name();
        record.resultReason = read.reason();
        record.initiatedByUpn = read.reader();
        List<AuditDetail> details = read.details().entrySet().stream()
                .map(entry -> AuditDetail.of(entry.getKey(), entry.getValue())).toList();
        record.additionalDetails = details;
        audit.recordOwn(record);
    }
}
