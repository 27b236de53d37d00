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

    /**
     * Who started it, as Graph says it: a user (by user principal name), or else an app. A record no person started
     * (the audit of an event that could not be read, whose claims name nobody) names the service that logged it as
     * the app, so that initiatedBy always says who.
     */
    public record InitiatedBy(UserIdentity user, AppIdentity app) {
        static InitiatedBy of(String userPrincipalName, String service) {
            return userPrincipalName != null && !userPrincipalName.isBlank()
                    ? new InitiatedBy(new UserIdentity(userPrincipalName), null)
                    : new InitiatedBy(null, new AppIdentity(service));
        }
    }

    public record UserIdentity(String userPrincipalName) {
    }

    public record AppIdentity(String displayName) {
    }

    public record TargetResource(String type, String userPrincipalName) {
    }

    /** A record without a target user (a settings change, a read of the audit) has no target, not a nameless one. */
    public static AuditRecordResponse of(AuditRecord record) {
        return new AuditRecordResponse(record.id, record.category, record.correlationId, record.activityDateTime,
                record.activityDisplayName, record.loggedByService, record.operationType, record.result,
                record.resultReason, InitiatedBy.of(record.initiatedByUpn, record.loggedByService),
                record.targetUpn == null || record.targetUpn.isBlank() ? List.of()
                        : List.of(new TargetResource("User", record.targetUpn)),
                record.additionalDetails == null ? List.of() : List.copyOf(record.additionalDetails));
    }
}
