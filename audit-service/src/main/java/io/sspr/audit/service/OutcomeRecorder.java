package io.sspr.audit.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.sspr.audit.persistence.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one place where the outcome of storing an event is recorded: a log line (ids and names only; a record never
 * holds a secret, but the line stays small anyway) and the counter {@code sspr.audit.records{outcome}}, where
 * {@code stored} is a new row and {@code duplicate} a redelivered event that was already stored.
 */
@ApplicationScoped
public class OutcomeRecorder {
    private static final String RECORDS = "sspr.audit.records";
    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);

    private final MeterRegistry metrics;

    public OutcomeRecorder(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void stored(AuditRecord record) {
        LOG.debugf("recorded %s '%s' (%s) for correlation %s", record.id, record.activityDisplayName, record.result,
                record.correlationId);
        count("stored");
    }

    public void duplicate(AuditRecord record) {
        LOG.debugf("event %s was already recorded; redelivery ignored", record.id);
        count("duplicate");
    }

    private void count(String outcome) {
        metrics.counter(RECORDS, "outcome", outcome).increment();
    }
}
