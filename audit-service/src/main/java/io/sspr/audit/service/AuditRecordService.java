package io.sspr.audit.service;

import io.sspr.audit.config.AuditConfig;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.persistence.AuditRecordFilter;
import io.sspr.audit.persistence.AuditRecordRepository;
import io.sspr.events.AuditEvent;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/** Records events once each (idempotent by eventId) and answers auditors' queries. */
@ApplicationScoped
public class AuditRecordService {
    private static final Logger LOG = Logger.getLogger(AuditRecordService.class);

    private final AuditRecordRepository repository;
    private final AuditConfig config;

    public AuditRecordService(AuditRecordRepository repository, AuditConfig config) {
        this.repository = repository;
        this.config = config;
    }

    @Transactional
    public boolean record(PasswordRequested event) {
        return store(AuditRecordMapper.fromRequested(event));
    }

    @Transactional
    public boolean record(PasswordResult event) {
        String initiator = repository.initiatorOf(event.correlationId()).orElse(null);
        return store(AuditRecordMapper.fromResult(event, initiator));
    }

    @Transactional
    public boolean record(AuditEvent event) {
        return store(AuditRecordMapper.fromAuditEvent(event));
    }

    /** Newest first, at most {@code limit} records. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditRecord> find(AuditRecordFilter filter, int limit) {
        return repository.search(filter, Math.min(limit, config.maxLimit()));
    }

    private boolean store(AuditRecord record) {
        boolean inserted = repository.insertIfAbsent(record);
        // ids and names only: the record never holds a secret, but keep the log line small anyway
        if (inserted) {
            LOG.debugf("recorded %s '%s' (%s) for correlation %s", record.id, record.activityDisplayName,
                    record.result, record.correlationId);
        } else {
            LOG.debugf("event %s was already recorded; redelivery ignored", record.id);
        }
        return inserted;
    }
}
