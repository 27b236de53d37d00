package io.sspr.audit.service;

import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.persistence.AuditRecordFilter;
import io.sspr.audit.persistence.AuditRecordRepository;
import io.sspr.events.AuditEvent;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.messaging.UnprocessableEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;

/**
 * Records events once each (idempotent by eventId) and answers auditors' queries. The consumers hand each verified
 * event to one of the {@code record} methods; the {@link OutcomeRecorder} hears what became of it once it is
 * committed.
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

    /** Newest first, at most {@code limit} records (the resource keeps it within sspr.audit.max-limit). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditRecord> find(AuditRecordFilter filter, int limit) {
        return repository.search(filter, limit);
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
