package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.Operator;
import io.sspr.events.PasswordRequested;
import io.sspr.events.ResultCode;
import io.sspr.events.SsprEvent;
import io.sspr.events.Verification;
import io.sspr.events.crypto.SealingContext.Field;
import io.sspr.events.crypto.Secret;
import io.sspr.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Hands one request to the pipeline, whatever the flow: seals the passwords it carries (the current one for the worker,
 * the new one for the worker and for the validator), records it as ACCEPTED, and publishes it. When Kafka does not take
 * it, the request is marked FAILED and the caller gets WRITEBACK_UNAVAILABLE at once.
 */
@ApplicationScoped
public class PipelineSubmitter {
    private final PasswordSealing sealing;
    private final RequestStatusService statuses;
    private final PasswordRequestPublisher requests;
    private final OutcomeRecorder outcomes;
    private final WritebackStatusService writeback;
    private final Duration requestTtl;

    public PipelineSubmitter(PasswordSealing sealing, RequestStatusService statuses, PasswordRequestPublisher requests,
            OutcomeRecorder outcomes, WritebackStatusService writeback, PortalConfig config) {
        this.sealing = sealing;
        this.statuses = statuses;
        this.requests = requests;
        this.outcomes = outcomes;
        this.writeback = writeback;
        this.requestTtl = config.requestTtl();
    }

    /**
     * What to submit; passwords are null where the operation carries none, the operator where no help desk asked
     * (initiatedBy is then the user).
     */
    public record Submission(Operation operation, String userKey, String username, String currentPassword,
            String newPassword, Verification verification, Operator operator, boolean mustChangeAtNextLogon) {
        public Submission(Operation operation, String userKey, String username, String currentPassword,
                String newPassword, Verification verification) {
            this(operation, userKey, username, currentPassword, newPassword, verification, null, false);
        }

        @Override
        public String toString() {
            return "Submission[" + operation + ", " + userKey + "]";
        }
    }

    /**
     * @return the request id (= correlation id)
     * @throws RequestRefusedException WRITEBACK_INACTIVE when writeback is not active (nothing is recorded but the
     *         refusal), WRITEBACK_UNAVAILABLE when Kafka did not acknowledge it
     */
    public UUID submit(Submission submission) {
        return submit(UUID.randomUUID(), submission);
    }

    /** The same, with a request id the caller recorded before (so that no result can outrun its record). */
    public UUID submit(UUID requestId, Submission submission) {
        writeback.requireActive(submission.operation(), submission.username(), submission.operator());
        PasswordRequested event = sealed(requestId, submission);
        statuses.recordAccepted(event);
        if (!requests.publish(event)) {
            statuses.recordWritebackUnavailable(requestId);
            outcomes.writebackUnavailable(requestId, submission.userKey(), submission.username(),
                    submission.operation());
            throw new RequestRefusedException(ResultCode.WRITEBACK_UNAVAILABLE);
        }
        outcomes.accepted(requestId, submission.userKey(), submission.operation());
        return requestId;
    }

    private PasswordRequested sealed(UUID requestId, Submission s) {
        // PostgreSQL keeps microseconds: the event and the row then carry the very same instants.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Operation operation = s.operation();
        String sealedCurrent = null;
        String sealedNew = null;
        String sealedForCheck = null;
        if (s.currentPassword() != null) {
            try (Secret current = Secret.of(s.currentPassword())) {
                sealedCurrent = sealing.seal(current, requestId, s.userKey(), operation, Field.CURRENT_PASSWORD);
            }
        }
        if (s.newPassword() != null) {
            try (Secret next = Secret.of(s.newPassword())) {
                sealedNew = sealing.seal(next, requestId, s.userKey(), operation, Field.NEW_PASSWORD);
                sealedForCheck = sealing.seal(next, requestId, s.userKey(), operation,
                        Field.NEW_PASSWORD_FOR_VALIDATOR);
            }
        }
        return new PasswordRequested(UUID.randomUUID(), requestId, now, now.plus(requestTtl), SsprEvent.SCHEMA_VERSION,
                operation, s.userKey(), s.username(), sealedCurrent, sealedNew, sealedForCheck,
                s.operator() == null ? s.username() : s.operator().displayName(), s.mustChangeAtNextLogon(),
                s.verification(), s.operator());
    }
}
