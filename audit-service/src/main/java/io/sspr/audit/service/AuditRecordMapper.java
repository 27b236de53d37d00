package io.sspr.audit.service;

import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.events.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns events into audit records as docs/CONTRACTS.md describes; plain Java, no framework. */
public final class AuditRecordMapper {
    static final String REQUEST_SUBMITTED = "Request submitted";
    /** Only the portal publishes requests (CONTRACTS.md), and the event does not name its sender. */
    static final String REQUEST_PUBLISHER = "reset-portal";

    private AuditRecordMapper() {
    }

    /** Deliberately never reads the sealed passwords: they must not reach the audit table. */
    public static AuditRecord fromRequested(PasswordRequested event) {
        AuditRecord record = base(event.eventId(), event.correlationId(), event.operation().activity(), event.occurredAt());
        record.loggedByService = REQUEST_PUBLISHER;
        record.result = AuditResult.success.name();
        record.resultReason = REQUEST_SUBMITTED;
        record.initiatedByUpn = event.initiatedBy();
        record.targetUserKey = event.userKey();
        record.targetUpn = event.username();
        record.additionalDetails = List.of(AuditDetail.of("stage", "requested"));
        return record;
    }

    /**
     * @param requestInitiator who started the request, from its stored "requested" record, or null when that
     *        record has not arrived (the topics are not ordered with each other)
     */
    public static AuditRecord fromResult(PasswordResult event, String requestInitiator) {
        AuditRecord record = base(event.eventId(), event.correlationId(), event.operation().activity(), event.occurredAt());
        record.loggedByService = event.reportedBy();
        record.result = resultOf(event.status()).name();
        record.resultReason = event.code().name() + ": " + event.message();
        record.initiatedByUpn = requestInitiator != null ? requestInitiator : selfServiceInitiator(event);
        record.targetUserKey = event.userKey();
        record.targetUpn = event.username();
        record.additionalDetails = List.of(
                AuditDetail.of("stage", "result"),
                AuditDetail.of("status", event.status().name()),
                AuditDetail.of("code", event.code().name()),
                AuditDetail.of("violations", event.violations().stream()
                        .map(Violation::code).map(Enum::name).collect(Collectors.joining(","))));
        return record;
    }

    public static AuditRecord fromAuditEvent(AuditEvent event) {
        AuditRecord record = base(event.eventId(), event.correlationId(), event.activity(), event.occurredAt());
        record.loggedByService = event.loggedByService();
        record.result = event.result().name();
        record.resultReason = event.resultReason();
        record.initiatedByUpn = event.initiatedBy();
        record.targetUserKey = event.userKey();
        record.targetUpn = event.targetUser();
        // The event's details are a map without order; sorted, the record reads the same every time.
        List<AuditDetail> details = new ArrayList<>();
        event.details().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> details.add(AuditDetail.of(entry.getKey(), entry.getValue())));
        record.additionalDetails = details;
        return record;
    }

    static AuditResult resultOf(RequestStatus status) {
        return switch (status) {
            case SUCCEEDED -> AuditResult.success;
            case EXPIRED -> AuditResult.timeout;
            case REJECTED, FAILED -> AuditResult.failure;
            case ACCEPTED, VALIDATED -> throw new IllegalArgumentException("not a terminal status: " + status);
        };
    }

    /** Graph's operationType: registrations add security info, everything else updates the account. */
    static String operationTypeOf(AuditActivity activity) {
        return switch (activity) {
            case USER_REGISTERED, SECURITY_INFO_SAVED -> "Add";
            default -> "Update";
        };
    }

    /** In a self-service operation the user is the initiator; an admin reset's initiator is only in the request. */
    private static String selfServiceInitiator(PasswordResult event) {
        return event.operation() == Operation.ADMIN_RESET ? null : event.username();
    }

    private static AuditRecord base(UUID eventId, UUID correlationId, AuditActivity activity, Instant occurredAt) {
        AuditRecord record = new AuditRecord();
        record.id = eventId;
        record.category = AuditActivity.CATEGORY;
        record.correlationId = correlationId;
        record.activityDateTime = occurredAt;
        record.activityDisplayName = activity.displayName();
        record.operationType = operationTypeOf(activity);
        return record;
    }
}
