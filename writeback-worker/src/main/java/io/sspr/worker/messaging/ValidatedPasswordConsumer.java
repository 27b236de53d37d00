package io.sspr.worker.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.PasswordValidated;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.messaging.FailureRule;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.worker.persistence.RequestLedger;
import io.sspr.worker.service.WritebackOutcome;
import io.sspr.worker.service.WritebackService;
import io.sspr.worker.service.WritebackStats;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes sspr.password.validated; emits one PasswordResult to sspr.password.results per request (the stored one
 * again for a redelivery). A malformed, unsigned or forged event is dead-lettered and audited by the failure rule;
 * anything transient leaves the record unacknowledged, to be tried again.
 */
@ApplicationScoped
public class ValidatedPasswordConsumer {
    private static final Logger LOG = Logger.getLogger(ValidatedPasswordConsumer.class);

    private final FailureRule failureRule;
    private final EventVerifier verifier;
    private final WritebackService service;
    private final EventPublisher publisher;
    private final RequestLedger ledger;
    private final ExecutorService ledgerMarks = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "writeback-ledger-marks");
        thread.setDaemon(true);
        return thread;
    });
    private final WritebackStats stats;
    private final Clock clock;

    public ValidatedPasswordConsumer(FailureRule failureRule, EventVerifier verifier, WritebackService service,
            EventPublisher publisher, RequestLedger ledger, WritebackStats stats, Clock clock) {
        this.failureRule = failureRule;
        this.verifier = verifier;
        this.service = service;
        this.publisher = publisher;
        this.ledger = ledger;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Blocking (LDAP, PostgreSQL, the wait for Kafka's acknowledgement) and in order per partition, so one user's
     * requests are applied in the order they were made; the channel's {@code concurrency} copies (one Kafka consumer
     * each) apply different partitions side by side.
     */
    @Incoming(Topics.PASSWORD_VALIDATED)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, this::apply);
    }

    private void apply(IncomingRecord record) {
        PasswordValidated event;
        try {
            event = verifier.verify(record, PasswordValidated.class);
        } catch (UnprocessableEventException e) {
            throw refused(record, e);
        }
        WritebackOutcome outcome = service.handle(event);
        // Thrown when Kafka does not take it: the ledger has it, so the next attempt sends the same result.
        publisher.publish(outcome.result());
        markPublished(event.correlationId());
    }

    /** Counted in the run status; the failure rule dead-letters and audits it. */
    private UnprocessableEventException refused(IncomingRecord record, UnprocessableEventException refusal) {
        UnprocessableEventException.Claims claims = refusal.claims();
        String correlationId = claims != null && claims.correlationId() != null ? claims.correlationId().toString()
                : record.subjectCorrelationId().map(UUID::toString).orElse("unknown");
        String userKey = claims != null && claims.userKey() != null ? claims.userKey() : record.userKeyOrUnknown();
        stats.refused(correlationId, userKey, clock.instant());
        return refusal;
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

    @PreDestroy
    void finishMarks() throws InterruptedException {
        ledgerMarks.shutdown();
        ledgerMarks.awaitTermination(10, TimeUnit.SECONDS);
    }
}
