package io.sspr.portal.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.UserKeys;
import io.sspr.events.crypto.SealingContext.Field;
import io.sspr.events.crypto.Secret;
import io.sspr.portal.config.PortalConfig;
import io.sspr.portal.messaging.AuditPublisher;
import io.sspr.portal.messaging.PasswordRequestPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes a self-service password change: checks it, seals both passwords, records it and hands it to Kafka.
 * Writes one log line per request (requestId, userKey, outcome) and never a password.
 */
@ApplicationScoped
public class PasswordChangeService {
    /** The user key of refused requests whose name is not a valid user name; the raw name is never kept. */
    public static final String INVALID_USERNAME_KEY = "invalid-username";
    private static final Logger LOG = Logger.getLogger(PasswordChangeService.class);
    private static final Operation OPERATION = Operation.CHANGE;

    private final PasswordSealing sealing;
    private final RequestStatusService statuses;
    private final PasswordRequestPublisher requests;
    private final AuditPublisher audit;
    private final PortalConfig config;
    private final MeterRegistry metrics;

    public PasswordChangeService(PasswordSealing sealing, RequestStatusService statuses,
            PasswordRequestPublisher requests, AuditPublisher audit, PortalConfig config, MeterRegistry metrics) {
        this.sealing = sealing;
        this.statuses = statuses;
        this.requests = requests;
        this.audit = audit;
        this.config = config;
        this.metrics = metrics;
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
            count(ResultCode.WRITEBACK_UNAVAILABLE);
            LOG.infof("password change requestId=%s userKey=%s outcome=%s", requestId, userKey,
                    ResultCode.WRITEBACK_UNAVAILABLE);
            audit.publish(refusal(requestId, userKey, username, ResultCode.WRITEBACK_UNAVAILABLE, Map.of()));
            throw new RequestRefusedException(ResultCode.WRITEBACK_UNAVAILABLE);
        }
        count(ResultCode.REQUEST_ACCEPTED);
        LOG.infof("password change requestId=%s userKey=%s outcome=%s", requestId, userKey,
                ResultCode.REQUEST_ACCEPTED);
        return requestId;
    }

    /**
     * Records and audits a refused request and returns the exception to throw. The user name goes into the
     * audit only when it is a valid one; otherwise just its length.
     */
    public RequestRefusedException refuse(ResultCode code, String username) {
        UUID correlationId = UUID.randomUUID();
        boolean validName = UserKeys.isValidUsername(username);
        String userKey = validName ? UserKeys.fromUsername(username) : INVALID_USERNAME_KEY;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stage", "refused");
        if (!validName) {
            details.put("usernameLength", String.valueOf(username == null ? 0 : username.length()));
        }
        count(code);
        LOG.infof("password change requestId=%s userKey=%s outcome=%s", correlationId, userKey, code);
        audit.publish(refusal(correlationId, userKey, validName ? username : null, code, details));
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
            return new PasswordRequested(UUID.randomUUID(), requestId, now, now.plus(config.requestTtl()),
                    SsprEvent.SCHEMA_VERSION, OPERATION, userKey, username, sealedCurrent, sealedNew, sealedForCheck,
                    username, false, null, null);
        }
    }

    private static AuditEvent refusal(UUID correlationId, String userKey, String username, ResultCode code,
            Map<String, String> details) {
        return new AuditEvent(UUID.randomUUID(), correlationId, Instant.now(), SsprEvent.SCHEMA_VERSION, userKey,
                OPERATION.activity(), AuditResult.failure, code.name(), username, username,
                Services.RESET_PORTAL, details);
    }

    private void count(ResultCode outcome) {
        metrics.counter("sspr.portal.password.changes", "outcome", outcome.name()).increment();
    }
}
