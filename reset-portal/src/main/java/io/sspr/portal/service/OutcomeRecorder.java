package io.sspr.portal.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.Operation;
import io.sspr.events.Operator;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.UserKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one place where outcomes are recorded: one log line (request or flow id, account key, outcome; never a password
 * or a code), the counters {@code sspr.portal.password.changes{operation,outcome}} and
 * {@code sspr.portal.self-service{flow,step,outcome}}, and the {@link AuditEvent}s the portal itself owes the audit
 * (refused requests, each verification step, blocks, registrations) on {@code sspr.audit.events}. What the pipeline
 * later concludes is logged here too, so a request's story reads from one logger.
 */
@ApplicationScoped
public class OutcomeRecorder {
    /** The user key of refused requests whose name is not a valid user name; the raw name is never kept. */
    private static final String INVALID_USERNAME_KEY = "invalid-username";
    private static final String CHANGES = "sspr.portal.password.changes";
    private static final String SELF_SERVICE = "sspr.portal.self-service";
    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);

    private final MeterRegistry metrics;
    private final AuditPublisher audit;

    public OutcomeRecorder(MeterRegistry metrics, AuditPublisher audit) {
        this.metrics = metrics;
        this.audit = audit;
    }

    /** Kafka acknowledged the request: from here on the pipeline decides. */
    public void accepted(UUID requestId, String userKey, Operation operation) {
        record(requestId, userKey, operation, ResultCode.REQUEST_ACCEPTED);
    }

    /** Kafka did not acknowledge the request in time: the user is told at once, and the audit hears of it. */
    public void writebackUnavailable(UUID requestId, String userKey, String username, Operation operation) {
        record(requestId, userKey, operation, ResultCode.WRITEBACK_UNAVAILABLE);
        audit.publish(event(requestId, userKey, username, operation.activity(), AuditResult.failure,
                ResultCode.WRITEBACK_UNAVAILABLE.name(), Map.of()));
    }

    /**
     * A request refused before anything was sealed. It gets a correlation id of its own; the user name goes into the
     * audit only when it is a valid one, otherwise just its length.
     */
    public void refused(ResultCode code, String username, Operation operation) {
        refused(code, username, operation, null);
    }

    /**
     * The same for a request a staff member made (a help-desk reset or unlock): the operator of the verified token is
     * its initiator, as on the request it would have been.
     *
     * @param staff null when the user asked for themselves
     */
    public void refused(ResultCode code, String username, Operation operation, Operator staff) {
        UUID correlationId = UUID.randomUUID();
        boolean validName = UserKeys.isValidUsername(username);
        String userKey = validName ? UserKeys.fromUsername(username) : INVALID_USERNAME_KEY;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stage", "refused");
        if (!validName) {
            details.put("usernameLength", String.valueOf(username == null ? 0 : username.length()));
        }
        record(correlationId, userKey, operation, code);
        String target = validName ? username : null;
        audit.publish(event(correlationId, userKey, staff == null ? target : staff.displayName(), target,
                operation.activity(), AuditResult.failure, code.name(), details));
    }

    /** The pipeline's result was stored for the request. */
    public void finished(PasswordResult result) {
        LOG.infof("request finished requestId=%s userKey=%s operation=%s outcome=%s code=%s", result.correlationId(),
                result.userKey(), result.operation(), result.status(), result.code());
    }

    /**
     * The portal itself concluded that an open request expired (FAILED when writeback was inactive): audited as the
     * request's outcome, Graph's {@code timeout} for an expiry, under the request's correlation id.
     */
    public void expired(UUID requestId, String userKey, String username, Operation operation, RequestStatus status,
            ResultCode code) {
        LOG.infof("request expired requestId=%s userKey=%s outcome=%s code=%s", requestId, userKey, status, code);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stage", "result");
        details.put("status", status.name());
        details.put("code", code.name());
        audit.publish(event(requestId, userKey, null, username, operation.activity(),
                status == RequestStatus.EXPIRED ? AuditResult.timeout : AuditResult.failure,
                status + ": " + code.defaultMessage(), details));
    }

    /**
     * One step of a reset, unlock or registration (started, code sent, code verified or wrong, completed), audited as
     * Entra's "Self-service password reset flow activity progress" with the step in the details.
     */
    public void flowStep(FlowStep step, UUID flowId, String accountKey, String username, ResultCode outcome) {
        boolean success = step.succeeded(outcome);
        metrics.counter(SELF_SERVICE, "flow", step.flow(), "step", step.step(), "outcome", outcome.name()).increment();
        LOG.infof("self-service flow=%s flowId=%s accountKey=%s step=%s outcome=%s", step.flow(), flowId, accountKey,
                step.step(), outcome);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("flow", step.flow());
        details.put("step", step.step());
        audit.publish(event(flowId, accountKey, username, AuditActivity.FLOW_ACTIVITY_PROGRESS,
                success ? AuditResult.success : AuditResult.failure, success ? step.description() : outcome.name(),
                details));
    }

    /** Too many failures: self-service is blocked for the account until {@code until}. */
    public void blocked(String accountKey, String username, Instant until, long failures) {
        UUID correlationId = UUID.randomUUID();
        metrics.counter(SELF_SERVICE, "flow", "any", "step", "block", "outcome",
                ResultCode.SELF_SERVICE_BLOCKED.name()).increment();
        LOG.infof("self-service blocked accountKey=%s until=%s failures=%d", accountKey, until, failures);
        audit.publish(event(correlationId, accountKey, username, AuditActivity.BLOCKED_FROM_SSPR, AuditResult.success,
                "User was blocked after " + failures + " failed attempts within an hour",
                Map.of("blockedUntil", until.toString(), "failures", String.valueOf(failures))));
    }

    /** An authenticator app was confirmed: Entra logs both the security info and the registration. */
    public void authenticatorRegistered(UUID registrationId, String accountKey, String username) {
        metrics.counter(SELF_SERVICE, "flow", FlowStep.REGISTRATION, "step", "saved", "outcome", "SAVED").increment();
        LOG.infof("authenticator registered registrationId=%s accountKey=%s", registrationId, accountKey);
        Map<String, String> details = Map.of("method", "mobileApp");
        audit.publish(event(registrationId, accountKey, username, AuditActivity.SECURITY_INFO_SAVED,
                AuditResult.success, "User saved an authenticator app", details));
        audit.publish(event(registrationId, accountKey, username, AuditActivity.USER_REGISTERED,
                AuditResult.success, "User registered for self-service password reset", details));
    }

    /**
     * A page's form came without a valid form token (a forged cross-site POST, or a page kept open across a change of
     * the portal's keys): nothing of it was used, so there is no account to name.
     */
    public void formRefused(String form) {
        metrics.counter("sspr.portal.forms.refused", "form", form).increment();
        LOG.infof("form refused form=%s outcome=%s", form, ResultCode.FORM_TOKEN_INVALID);
    }

    /** A notification mail could not be sent (after its retries). */
    public void mailNotSent(String kind, String accountKey, Throwable failure) {
        metrics.counter("sspr.portal.mails.failed", "kind", kind).increment();
        LOG.warnf("mail not sent kind=%s accountKey=%s: %s", kind, accountKey, failure.getClass().getSimpleName());
    }

    private void record(UUID requestId, String userKey, Operation operation, ResultCode outcome) {
        metrics.counter(CHANGES, "operation", operation.wireName(), "outcome", outcome.name()).increment();
        LOG.infof("password request requestId=%s userKey=%s operation=%s outcome=%s", requestId, userKey,
                operation, outcome);
    }

    /** An activity the user did to their own account: they are its initiator and its target. */
    private static AuditEvent event(UUID correlationId, String userKey, String username, AuditActivity activity,
            AuditResult result, String reason, Map<String, String> details) {
        return event(correlationId, userKey, username, username, activity, result, reason, details);
    }

    private static AuditEvent event(UUID correlationId, String userKey, String initiator, String target,
            AuditActivity activity, AuditResult result, String reason, Map<String, String> details) {
        return new AuditEvent(UUID.randomUUID(), correlationId, Instant.now(), SsprEvent.SCHEMA_VERSION, userKey,
                activity, result, reason, initiator, target, Services.RESET_PORTAL, details);
    }

    /** Writeback status as metrics: Active and Enabled as 1 or 0, the newest heartbeat's age (NaN before the first). */
    public void watchWriteback(BooleanSupplier active, BooleanSupplier integrationEnabled,
            Supplier<Optional<Duration>> heartbeatAge) {
        Gauge.builder("sspr.portal.writeback.active", () -> active.getAsBoolean() ? 1 : 0)
                .description("1 while password writeback is Active, 0 while it is Inactive").register(metrics);
        Gauge.builder("sspr.portal.writeback.integration.enabled", () -> integrationEnabled.getAsBoolean() ? 1 : 0)
                .description("1 while on-premises integration is Enabled (admin and worker switches on)")
                .register(metrics);
        Gauge.builder("sspr.portal.writeback.heartbeat.age", () -> heartbeatAge.get()
                .map(age -> age.toMillis() / 1000.0).orElse(Double.NaN))
                .description("Seconds since the newest writeback worker heartbeat").baseUnit("seconds")
                .register(metrics);
    }
}
