package io.sspr.audit.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The audit table. The insert and the initiator lookup are transactions of their own (the service calls them without
 * one), so the service knows a record was committed before it records the outcome. A record is never updated or
 * deleted: the service's role may only INSERT and SELECT.
 */
@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecord, UUID> {
    // "on conflict do nothing" makes redelivery harmless even when two consumers race on one eventId;
    // {h-schema} is the configured default schema (audit).
    private static final String INSERT_IF_ABSENT = """
            insert into {h-schema}audit_record (id, category, correlation_id, activity_date_time,
                activity_display_name, logged_by_service, operation_type, result, result_reason,
                initiated_by_upn, target_user_key, target_upn, additional_details)
            values (:id, :category, :correlationId, :activityDateTime, :activityDisplayName, :loggedByService,
                :operationType, :result, :resultReason, :initiatedByUpn, :targetUserKey, :targetUpn,
                cast(:additionalDetails as jsonb))
            on conflict (id) do nothing
            """;

    private final ObjectMapper json;

    public AuditRecordRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Stores the record unless one with its id exists; true when a row was inserted (and committed). */
    @Transactional
    public boolean insertIfAbsent(AuditRecord record) {
        NativeQuery<?> insert = getEntityManager().createNativeQuery(INSERT_IF_ABSENT).unwrap(NativeQuery.class);
        // Typed parameters, so that a null binds as a typed null PostgreSQL accepts.
        int inserted = insert
                .setParameter("id", record.id, UUID.class)
                .setParameter("category", storable(record.category), String.class)
                .setParameter("correlationId", record.correlationId, UUID.class)
                .setParameter("activityDateTime", record.activityDateTime, Instant.class)
                .setParameter("activityDisplayName", storable(record.activityDisplayName), String.class)
                .setParameter("loggedByService", storable(record.loggedByService), String.class)
                .setParameter("operationType", storable(record.operationType), String.class)
                .setParameter("result", storable(record.result), String.class)
                .setParameter("resultReason", storable(record.resultReason), String.class)
                .setParameter("initiatedByUpn", storable(record.initiatedByUpn), String.class)
                .setParameter("targetUserKey", storable(record.targetUserKey), String.class)
                .setParameter("targetUpn", storable(record.targetUpn), String.class)
                .setParameter("additionalDetails", toJson(record.additionalDetails), String.class)
                .executeUpdate();
        return inserted == 1;
    }

    /** Who started the request with this correlation id, from its stored "requested" record. */
    @Transactional
    public Optional<String> initiatorOf(UUID correlationId) {
        return find("correlationId = ?1 and initiatedByUpn is not null order by activityDateTime", correlationId)
                .firstResultOptional()
                .map(record -> record.initiatedByUpn);
    }

    /** Newest first; null filters are left out. */
    public List<AuditRecord> search(AuditRecordFilter filter, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.category() != null) {
            where.append(" and category = :category");
            parameters.and("category", filter.category());
        }
        if (filter.correlationId() != null) {
            where.append(" and correlationId = :correlationId");
            parameters.and("correlationId", filter.correlationId());
        }
        if (filter.activity() != null) {
            where.append(" and activityDisplayName = :activity");
            parameters.and("activity", filter.activity());
        }
        if (filter.result() != null) {
            where.append(" and result = :result");
            parameters.and("result", filter.result());
        }
        Sort newestFirst = Sort.descending("activityDateTime", "recordedAt", "id");
        return find(where.toString(), newestFirst, parameters).range(0, limit - 1).list();
    }

    /**
     * PostgreSQL refuses NUL in text and jsonb, and an event may carry one (by mistake or on purpose): it is stored
     * as U+FFFD, so the record is kept and the auditor sees that something was there.
     */
    static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    private String toJson(List<AuditDetail> details) {
        try {
            return json.writeValueAsString(details.stream()
                    .map(detail -> new AuditDetail(storable(detail.key()), storable(detail.value()))).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise additionalDetails", e);
        }
    }
}
