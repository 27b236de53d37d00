package io.sspr.audit.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored audit record, Graph directoryAudit-like; {@code id} is the eventId of the event it records. */
@Entity
@Table(name = "audit_record")
public class AuditRecord {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String category;

    @Column(name = "correlation_id", nullable = false)
    public UUID correlationId;

    @Column(name = "activity_date_time", nullable = false)
    public Instant activityDateTime;

    @Column(name = "activity_display_name", nullable = false)
    public String activityDisplayName;

    @Column(name = "logged_by_service", nullable = false)
    public String loggedByService;

    @Column(name = "operation_type", nullable = false)
    public String operationType;

    /** success, failure or timeout (io.sspr.events.AuditEvent.AuditResult). */
    @Column(nullable = false)
    public String result;

    @Column(name = "result_reason")
    public String resultReason;

    @Column(name = "initiated_by_upn")
    public String initiatedByUpn;

    @Column(name = "target_user_key")
    public String targetUserKey;

    /** The username the event names (sAMAccountName or UPN). */
    @Column(name = "target_upn")
    public String targetUpn;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "additional_details", nullable = false)
    public List<AuditDetail> additionalDetails = new ArrayList<>();

    /** Set by the database on insert; orders records that share an activityDateTime. */
    @Column(name = "recorded_at", insertable = false, updatable = false)
    public Instant recordedAt;
}
