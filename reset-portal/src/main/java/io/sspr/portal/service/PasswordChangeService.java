package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.ResultCode;
import io.sspr.events.SsprEvent;
import io.sspr.events.UserKeys;
import io.sspr.events.crypto.SealingContext.Field;
import io.sspr.events.crypto.Secret;
import io.sspr.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Takes a self-service password change: checks it, seals both passwords, records it and hands it to Kafka. Each
 * outcome (accepted, refused, Kafka unavailable) goes to the {@link OutcomeRecorder}, which logs, counts and audits it.
 */
@ApplicationScoped
public class PasswordChangeService {
    private static final Operation OPERATION = Operation.CHANGE;

    private final PasswordSealing sealing;
    private final RequestStatusService statuses;
    /** How long a request may wait for its writeback before it expires. */
    private final Duration requestTtl;
    private final PasswordRequestPublisher requests;
    private final OutcomeRecorder outcomes;

    public PasswordChangeService(PasswordSealing sealing, RequestStatusService statuses,
            PasswordRequestPublisher requests, OutcomeRecorder outcomes, PortalConfig config) {
        this.sealing = sealing;
        this.statuses = statuses;
        this.requestTtl = config.requestTtl();
        this.requests = requests;
        this.outcomes = outcomes;
    }

    /**
     * @return the request id (= correlation id) of an accepted request
     * @throws RequestRefusedException when the input cannot be accepted or Kafka did not take it
     */
    public UUID submit(String username, String currentPassword, String newPassword) {
        ResultCode refusal = ChangeRequestValidator.check(username, currentPassword, newPassword).orElse(null);
        if (refusal != null) {
            throw refuse(refusal, username);
        }
        UUID requestId = UUID.randomUUID();
        String userKey = UserKeys.fromUsername(username);
        PasswordRequested event = sealedRequest(requestId, userKey, username, currentPassword, newPassword);

        statuses.recordAccepted(event);
        if (!requests.publish(event)) {
            statuses.recordWritebackUnavailable(requestId);
            outcomes.writebackUnavailable(requestId, userKey, username);
            throw new RequestRefusedException(ResultCode.WRITEBACK_UNAVAILABLE);
        }
        outcomes.accepted(requestId, userKey);
        return requestId;
    }

    /** Records and audits a refused request and returns the exception to throw. */
    public RequestRefusedException refuse(ResultCode code, String username) {
        outcomes.refused(code, username);
        return new RequestRefusedException(code);
    }

    private PasswordRequested sealedRequest(UUID requestId, String userKey, String username, String currentPassword,
            String newPassword) {
        // PostgreSQL keeps microseconds: the event and the row then carry the very same instants.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Secret current = Secret.of(currentPassword); Secret next = Secret.of(newPassword)) {
            String sealedCurrent = sealing.seal(current, requestId, userKey, OPERATION, Field.CURRENT_PASSWORD);
            String sealedNew = sealing.seal(next, requestId, userKey, OPERATION, Field.NEW_PASSWORD);
            String sealedForCheck = sealing.seal(next, requestId, userKey, OPERATION,
                    Field.NEW_PASSWORD_FOR_VALIDATOR);
            return new PasswordRequested(UUID.randomUUID(), requestId, now, now.plus(requestTtl),
                    SsprEvent.SCHEMA_VERSION, OPERATION, userKey, username, sealedCurrent, sealedNew, sealedForCheck,
                    username, false, null, null);
        }
    }
}
