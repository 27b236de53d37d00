package io.sspr.audit.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * The audit table. The inserts and the initiator lookups are transactions of their own (the service calls them without
 * one), so the service knows a record was committed before it records the outcome. A record is never updated or
 * deleted: the service's role may only INSERT and SELECT. The auditors' queries are AuditRecordReader's.
 */
@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecord, UUID> {
    // The one insert, in plain JDBC, of one record or many as one statement (the chain's head moves once a statement,
    // V5): one array a column, unnested in the records' order; it returns the ids it inserted. "on conflict do
    // nothing" makes redelivery harmless even when two consumers race on one eventId.
    private static final String INSERT_ALL_IF_ABSENT = """
            insert into %s.audit_record (id, category, correlation_id, activity_date_time, activity_display_name,
                logged_by_service, operation_type, result, result_reason, initiated_by_upn, target_user_key,
                target_upn, additional_details)
            select id, category, correlation_id, activity_date_time::timestamptz, activity_display_name,
                logged_by_service, operation_type, result, result_reason, initiated_by_upn, target_user_key,
                target_upn, additional_details::jsonb
              from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   with ordinality as r (id, category, correlation_id, activity_date_time, activity_display_name,
                       logged_by_service, operation_type, result, result_reason, initiated_by_upn, target_user_key,
                       target_upn, additional_details, position)
             order by position
            on conflict (id) do nothing
            returning id
            """;

    private final ObjectMapper json;
    private final String insertAll;

    public AuditRecordRepository(ObjectMapper json,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("the audit schema's name is not a plain identifier: " + schema);
        }
        this.json = json;
        this.insertAll = INSERT_ALL_IF_ABSENT.formatted(schema);
    }

    /** Stores the record unless one with its id exists; true when a row was inserted (and committed). */
    @Transactional
    public boolean insertIfAbsent(AuditRecord record) {
        return insertAllIfAbsent(List.of(record))[0];
    }

    /**
     * Stores each record unless one with its id exists (or an earlier one of the list has it), all in one transaction:
     * a batch from Kafka costs one commit, not one per record. Plain JDBC, as a statement batch without rewriting, so
     * PostgreSQL answers for each record whether it was inserted. Any failure rolls back the whole list.
     *
     * @return for each record, in order, whether it was inserted (and committed)
     */
    @Transactional
    public boolean[] insertAllIfAbsent(List<AuditRecord> records) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> inserted = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(insertAll)) {
                insert.setArray(1, connection.createArrayOf("uuid", column(records, record -> record.id)));
                insert.setArray(2, connection.createArrayOf("text", text(records, record -> record.category)));
                insert.setArray(3, connection.createArrayOf("uuid", column(records, record -> record.correlationId)));
                insert.setArray(4, connection.createArrayOf("text", column(records,
                        record -> record.activityDateTime == null ? null : record.activityDateTime.toString())));
                insert.setArray(5, connection.createArrayOf("text", text(records, record -> record.activityDisplayName)));
                insert.setArray(6, connection.createArrayOf("text", text(records, record -> record.loggedByService)));
                insert.setArray(7, connection.createArrayOf("text", text(records, record -> record.operationType)));
                insert.setArray(8, connection.createArrayOf("text", text(records, record -> record.result)));
                insert.setArray(9, connection.createArrayOf("text", text(records, record -> record.resultReason)));
                insert.setArray(10, connection.createArrayOf("text", text(records, record -> record.initiatedByUpn)));
                insert.setArray(11, connection.createArrayOf("text", text(records, record -> record.targetUserKey)));
                insert.setArray(12, connection.createArrayOf("text", text(records, record -> record.targetUpn)));
                insert.setArray(13, connection.createArrayOf("text",
                        column(records, record -> toJson(record.additionalDetails))));
                try (ResultSet ids = insert.executeQuery()) {
                    while (ids.next()) {
                        inserted.add(ids.getObject(1, UUID.class));
                    }
                }
            }
            boolean[] stored = new boolean[records.size()];
            for (int i = 0; i < stored.length; i++) {
                // An id repeated within the batch is stored once: its first record counts as inserted
                stored[i] = inserted.remove(records.get(i).id);
            }
            return stored;
        });
    }

    private static Object[] column(List<AuditRecord> records, Function<AuditRecord, Object> value) {
        return records.stream().map(value).toArray();
    }

    private static Object[] text(List<AuditRecord> records, Function<AuditRecord, String> value) {
        return records.stream().map(value).map(AuditRecordRepository::storable).toArray();
    }

    /**
     * Who started each request, from its stored "requested" record, for the results of one batch in one query; a
     * correlation id whose request has not arrived is not in the answer.
     */
    @Transactional
    public Map<UUID, String> initiatorsOf(Collection<UUID> correlationIds) {
        Map<UUID, String> initiators = new HashMap<>();
        if (correlationIds.isEmpty()) {
            return initiators;
        }
        getEntityManager().createQuery("select r.correlationId, r.initiatedByUpn from AuditRecord r"
                + " where r.correlationId in :ids and r.initiatedByUpn is not null order by r.activityDateTime",
                Object[].class)
                .setParameter("ids", correlationIds)
                .getResultStream()
                .forEach(row -> initiators.putIfAbsent((UUID) row[0], (String) row[1]));
        return initiators;
    }

    /** Who started the request with this correlation id, from its stored "requested" record. */
    @Transactional
    public Optional<String> initiatorOf(UUID correlationId) {
        return find("correlationId = ?1 and initiatedByUpn is not null order by activityDateTime", correlationId)
                .firstResultOptional()
                .map(record -> record.initiatedByUpn);
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
