package io.sspr.portal.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.sspr.events.AuditEvent;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.UserKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one place where the outcome of a password change is recorded: one log line (request id, user key, outcome;
 * never a password), the counter {@code sspr.portal.password.changes{outcome}}, and for a request the portal refuses
 * or cannot hand over, an {@link AuditEvent} on {@code sspr.audit.events}. What the pipeline later concludes is
 * logged here too, so a request's story reads from one logger.
 */
@ApplicationScoped
public class OutcomeRecorder {
    /** The user key of refused requests whose name is not a valid user name; the raw name is never kept. */
    private static final String INVALID_USERNAME_KEY = "invalid-username";
    private static final String CHANGES = "sspr.portal.password.changes";
    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    private static final Operation OPERATION = Operation.CHANGE;

    private final MeterRegistry metrics;
    private final AuditPublisher audit;

    public OutcomeRecorder(MeterRegistry metrics, AuditPublisher audit) {
        this.metrics = metrics;
        this.audit = audit;
    }

    /** Kafka acknowledged the request: from here on the pipeline decides. */
    public void accepted(UUID requestId, String userKey) {
        record(requestId, userKey, ResultCode.REQUEST_ACCEPTED);
    }

    /** Kafka did not acknowledge the request in time: the user is told at once, and the audit hears of it. */
    public void writebackUnavailable(UUID requestId, String userKey, String username) {
        record(requestId, userKey, ResultCode.WRITEBACK_UNAVAILABLE);
        audit.publish(failure(requestId, userKey, username, ResultCode.WRITEBACK_UNAVAILABLE, Map.of()));
    }

    /**
     * A request refused before anything was sealed. It gets a correlation id of its own; the user name goes into the
     * audit only when it is a valid one, otherwise just its length.
     */
    public void refused(ResultCode code, String username) {
        UUID correlationId = UUID.randomUUID();
        boolean validName = UserKeys.isValidUsername(username);
        String userKey = validName ? UserKeys.fromUsername(username) : INVALID_USERNAME_KEY;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stage", "refused");
        if (!validName) {
            details.put("usernameLength", String.valueOf(username == null ? 0 : username.length()));
        }
        record(correlationId, userKey, code);
        audit.publish(failure(correlationId, userKey, validName ? username : null, code, details));
    }

    /** The pipeline's result was stored for the request. */
    public void finished(PasswordResult result) {
        LOG.infof("request finished requestId=%s userKey=%s outcome=%s code=%s", result.correlationId(),
                result.userKey(), result.status(), result.code());
    }

    /** The portal itself concluded that an open request expired. */
    public void expired(UUID requestId, String userKey) {
        LOG.infof("request expired requestId=%s userKey=%s outcome=%s", requestId, userKey, RequestStatus.EXPIRED);
    }

    private void record(UUID requestId, String userKey, ResultCode outcome) {
        metrics.counter(CHANGES, "outcome", outcome.name()).increment();
        LOG.infof("password change requestId=%s userKey=%s outcome=%s", requestId, userKey, outcome);
    }

    private static AuditEvent failure(UUID correlationId, String userKey, String username, ResultCode code,
            Map<String, String> details) {
        return new AuditEvent(UUID.randomUUID(), correlationId, Instant.now(), SsprEvent.SCHEMA_VERSION, userKey,
                OPERATION.activity(), AuditResult.failure, code.name(), username, username,
                Services.RESET_PORTAL, details);
    }
}
