package io.sspr.worker.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one place an outcome is recorded: the request's one log line, its metrics ({@code sspr.writeback.requests}
 * tagged operation, outcome and code; {@code sspr.writeback.ldap} tagged operation) and its entry in the run status
 * ({@link WritebackStats}). The worker audits nothing itself: its results are audited by the audit service, and
 * refused events by the failure rule, which dead-letters them.
 */
@ApplicationScoped
public class OutcomeRecorder {
    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);

    private final WritebackStats stats;
    private final MeterRegistry meters;

    public OutcomeRecorder(WritebackStats stats, MeterRegistry meters) {
        this.stats = stats;
        this.meters = meters;
    }

    /**
     * How one request ended. Never a password nor the directory's words beyond {@code attempt.detail()}, which is
     * logged only.
     *
     * @param attempt the directory write, null when the stored result was sent again
     * @param startedNanos {@link System#nanoTime()} when the request's handling began
     */
    public void request(PasswordValidated event, WritebackOutcome outcome, DirectoryWriter.Attempt attempt,
            long startedNanos) {
        PasswordResult result = outcome.result();
        long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        int attempts = attempt == null ? 0 : attempt.attempts();
        String outcomeName = outcome.resent() ? "RESENT" : result.status().name();
        String operation = event.operation().wireName();
        String detail = attempt == null || attempt.detail() == null ? "" : " directory=\"" + attempt.detail() + "\"";
        String line = String.format("writeback correlationId=%s userKey=%s operation=%s outcome=%s code=%s "
                + "attempts=%d ldapMs=%d totalMs=%d%s", event.correlationId(), event.userKey(), operation,
                outcomeName, result.code(), attempts, outcome.ldapMillis(), totalMillis, detail);
        if (result.status() == RequestStatus.SUCCEEDED || outcome.resent()) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
        meters.counter("sspr.writeback.requests", "operation", operation, "outcome", outcomeName,
                "code", result.code().name()).increment();
        if (!outcome.resent() && result.status() != RequestStatus.EXPIRED) {
            Timer.builder("sspr.writeback.ldap").tag("operation", operation)
                    .register(meters).record(outcome.ldapMillis(), TimeUnit.MILLISECONDS);
        }
        stats.record(event, outcomeName, result.code(), outcome.ldapMillis(), totalMillis, attempts);
    }

    /**
     * An event refused before anything was done (unsigned, forged, malformed): counted and listed with the errors of
     * the run status under what it claims to be. The failure rule logs, dead-letters and audits it.
     */
    public void refused(IncomingRecord record, UnprocessableEventException refusal) {
        UnprocessableEventException.Claims claims = refusal.claims();
        String correlationId = claims != null && claims.correlationId() != null ? claims.correlationId().toString()
                : record.subjectCorrelationId().map(UUID::toString).orElse("unknown");
        String userKey = claims != null && claims.userKey() != null ? claims.userKey() : record.userKeyOrUnknown();
        stats.refused(correlationId, userKey);
    }
}
