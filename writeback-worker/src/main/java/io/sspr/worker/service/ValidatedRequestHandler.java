package io.sspr.worker.service;

import io.smallrye.context.api.ManagedExecutorConfig;
import io.sspr.events.PasswordValidated;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.worker.persistence.RequestLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * What becomes of one record of sspr.password.validated, the consumer's one call: the signature is verified, the
 * request applied exactly once ({@link WritebackService}), its result published and, off the request's path, the
 * ledger told it was. A refused event (unsigned, forged, malformed) is counted in the run status and thrown to the
 * failure rule, which dead-letters and audits it; anything transient is thrown too, and the record tried again.
 */
@ApplicationScoped
public class ValidatedRequestHandler {
    private static final Logger LOG = Logger.getLogger(ValidatedRequestHandler.class);

    private final EventVerifier verifier;
    private final WritebackService writeback;
    private final ResultPublisher results;
    private final RequestLedger ledger;
    private final OutcomeRecorder recorder;
    private final ManagedExecutor ledgerMarks;
    private final Clock clock;

    /**
     * @param ledgerMarks one at a time, so PUBLISHED marks never take more than one of the database connections the
     *        requests being written need
     */
    public ValidatedRequestHandler(EventVerifier verifier, WritebackService writeback, ResultPublisher results,
            RequestLedger ledger, OutcomeRecorder recorder,
            @ManagedExecutorConfig(maxAsync = 1) ManagedExecutor ledgerMarks, Clock clock) {
        this.verifier = verifier;
        this.writeback = writeback;
        this.results = results;
        this.ledger = ledger;
        this.recorder = recorder;
        this.ledgerMarks = ledgerMarks;
        this.clock = clock;
    }

    /**
     * @throws UnprocessableEventException when the event is not the validator's, or not an event
     * @throws RuntimeException anything transient: the ledger, the DC past its retries, Kafka not taking the result
     */
    public void handle(IncomingRecord record) {
        PasswordValidated event;
        try {
            event = verifier.verify(record, PasswordValidated.class);
        } catch (UnprocessableEventException e) {
            recorder.refused(record, e);
            throw e;
        }
        WritebackOutcome outcome = writeback.handle(event);
        // Thrown when Kafka does not take it: the ledger has it, so the next attempt sends the same result.
        results.publish(outcome.result());
        markPublished(event.correlationId());
    }

    /**
     * Off the request's path: the mark only lets the purge forget the row, and a redelivery sends the stored result
     * either way, so losing or delaying it never writes twice.
     */
    private void markPublished(UUID correlationId) {
        ledgerMarks.execute(() -> {
            try {
                ledger.published(correlationId, clock.instant());
            } catch (RuntimeException e) {
                LOG.warnf("writeback correlationId=%s: PUBLISHED not stored (%s)", correlationId,
                        e.getClass().getSimpleName());
            }
        });
    }
}
