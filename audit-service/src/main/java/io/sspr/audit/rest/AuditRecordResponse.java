package io.sspr.audit.rest;

import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One record in the JSON shape of Graph's directoryAudit (docs/CONTRACTS.md, audit-service). */
public record AuditRecordResponse(
        UUID id,
        String category,
        UUID correlationId,
        Instant activityDateTime,
        String activityDisplayName,
        String loggedByService,
        String operationType,
        String result,
        String resultReason,
        InitiatedBy initiatedBy,
        List<TargetResource> targetResources,
        List<AuditDetail> additionalDetails) {

    public record InitiatedBy(UserIdentity user) {
    }

    public record UserIdentity(String userPrincipalName) {
    }

    public record TargetResource(String type, String userPrincipalName) {
    }

    public static AuditRecordResponse of(AuditRecord record) {
        return new AuditRecordResponse(record.id, record.category, record.correlationId, record.activityDateTime,
                record.activityDisplayName, record.loggedByService, record.operationType, record.result,
                record.resultReason,
                new InitiatedBy(new UserIdentity(record.initiatedByUpn)),
                List.of(new TargetResource("User", record.targetUpn)),
                record.additionalDetails == null ? List.of() : List.copyOf(record.additionalDetails));
    }
}
