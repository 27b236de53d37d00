package io.sspr.audit.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.persistence.AuditRecordRepository;
import io.sspr.events.AuditEvent;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.SsprEvent;
import io.sspr.events.messaging.UnprocessableEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records events once each (idempotent by eventId), and the service's own records. The consumers hand the verified
 * events of a batch to {@link #recordAll}, and each event on its own to a {@code record} method when the batch could
 * not be stored as a whole; the {@link OutcomeRecorder} hears what became of each once it is committed.
 */
@ApplicationScoped
public class AuditRecordService {
    private final AuditRecordRepository repository;
    private final OutcomeRecorder outcomes;

    public AuditRecordService(AuditRecordRepository repository, OutcomeRecorder outcomes) {
        this.repository = repository;
        this.outcomes = outcomes;
    }

    public void record(PasswordRequested event) {
        store(AuditRecordMapper.fromRequested(event));
    }

    /** The initiator comes from the request's record, when it has arrived (the topics are not ordered together). */
    public void record(PasswordResult event) {
        String initiator = repository.initiatorOf(event.correlationId()).orElse(null);
        store(AuditRecordMapper.fromResult(event, initiator));
    }

    public void record(AuditEvent event) {
        store(AuditRecordMapper.fromAuditEvent(event));
    }

    /** One event of any of the three kinds. */
    public void record(SsprEvent event) {
        if (event instanceof PasswordRequested requested) {
            record(requested);
        } else if (event instanceof PasswordResult result) {
            record(result);
        } else if (event instanceof AuditEvent audit) {
            record(audit);
        } else {
            throw new IllegalArgumentException("not an event the audit service records: " + event.getClass());
        }
    }

    /**
     * The events of one batch in one transaction, handed over chunk by chunk (the next may still be verified while one
     * is stored; each chunk's results' initiators looked up in one query): a record for each that is not stored yet.
     * Any failure stores none of them and is thrown as it is, transient or not: the caller then records them one at a
     * time, where each failure is told apart.
     */
    public void recordAll(Iterator<? extends List<? extends SsprEvent>> chunks) {
        List<AuditRecord> records = new ArrayList<>();
        List<Boolean> inserted = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            while (chunks.hasNext()) {
                List<? extends SsprEvent> events = chunks.next();
                Set<UUID> resultCorrelations = events.stream().filter(PasswordResult.class::isInstance)
                        .map(SsprEvent::correlationId).collect(Collectors.toSet());
                Map<UUID, String> initiators = repository.initiatorsOf(resultCorrelations);
                List<AuditRecord> chunk = new ArrayList<>(events.size());
                for (SsprEvent event : events) {
                    chunk.add(toRecord(event, initiators));
                }
                for (boolean stored : repository.insertAllIfAbsent(chunk)) {
                    inserted.add(stored);
                }
                records.addAll(chunk);
            }
        });
        for (int i = 0; i < records.size(); i++) {
            if (inserted.get(i)) {
                outcomes.stored(records.get(i));
            } else {
                outcomes.duplicate(records.get(i));
            }
        }
    }

    private static AuditRecord toRecord(SsprEvent event, Map<UUID, String> initiators) {
        if (event instanceof PasswordRequested requested) {
            return AuditRecordMapper.fromRequested(requested);
        }
        if (event instanceof PasswordResult result) {
            return AuditRecordMapper.fromResult(result, initiators.get(result.correlationId()));
        }
        if (event instanceof AuditEvent audit) {
            return AuditRecordMapper.fromAuditEvent(audit);
        }
        throw new IllegalArgumentException("not an event the audit service records: " + event.getClass());
    }

    /** A record of the service's own (the audit of a read), stored like an event's. */
    public void recordOwn(AuditRecord record) {
        store(record);
    }

    /**
     * PostgreSQL refusing a value for good (SQLState class 22, data exception, or 23, integrity) makes the event
     * unprocessable, so the failure rule dead-letters it; every other database failure is transient and tried again.
     */
    private void store(AuditRecord record) {
        boolean inserted;
        try {
            inserted = repository.insertIfAbsent(record);
        } catch (RuntimeException e) {
            String state = sqlState(e);
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                throw new UnprocessableEventException(UnprocessableEventException.Reason.MALFORMED,
                        "PostgreSQL refused a value of this event (SQLState " + state + ")");
            }
            throw e;
        }
        if (inserted) {
            outcomes.stored(record);
        } else {
            outcomes.duplicate(record);
        }
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
