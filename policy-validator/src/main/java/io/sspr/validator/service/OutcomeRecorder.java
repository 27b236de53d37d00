package io.sspr.validator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.sspr.events.PasswordRequested;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one place a request's outcome is recorded: one log line (ids, outcome and codes; never a password or a
 * name) and the {@code sspr.validator.requests} counter tagged with the outcome. Called once the outcome is
 * published, so what is counted is what the portal and the worker see.
 */
@ApplicationScoped
public class OutcomeRecorder {
    static final String REQUESTS = "sspr.validator.requests";

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);

    private final MeterRegistry metrics;

    public OutcomeRecorder(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void record(PasswordRequested request, ValidationOutcome outcome) {
        LOG.infof("correlationId=%s userKey=%s outcome=%s codes=%s", request.correlationId(), request.userKey(),
                outcome.outcome(), outcome.codes());
        metrics.counter(REQUESTS, "outcome", outcome.outcome()).increment();
    }
}
