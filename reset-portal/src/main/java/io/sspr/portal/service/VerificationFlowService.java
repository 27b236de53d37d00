package io.sspr.portal.service;

import jakarta.persistence.LockModeType;
import io.sspr.events.Operation;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.UserKeys;
import io.sspr.events.Verification;
import io.sspr.events.Verification.Method;
import io.sspr.portal.config.PortalConfig;
import io.sspr.portal.persistence.Authenticator;
import io.sspr.portal.persistence.DirectoryUser;
import io.sspr.portal.persistence.PasswordRequest;
import io.sspr.portal.persistence.VerificationFlow;
import io.sspr.portal.persistence.VerificationFlow.Kind;
import io.sspr.portal.service.PipelineSubmitter.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reset (forgot password) and unlock: start with a user name, prove who you are with the mailed code and/or the
 * authenticator app, then complete, which hands a RESET or UNLOCK with the portal's attestation to the pipeline.
 *
 * <p>Nothing a person sees tells whether the name exists or may use self-service: every start is answered alike and
 * takes at least the same time (the mail goes out in the background), a flow for an unknown or ineligible account
 * simply never verifies, and every failed verification gets the one answer CODE_WRONG. State lives in PostgreSQL, so
 * any portal instance serves any step.
 */
@ApplicationScoped
public class VerificationFlowService {
    /** The methods a flow may be verified with, by the names the API uses. */
    public static final String EMAIL = "email";
    public static final String AUTHENTICATOR = "authenticator";
    /** Outcomes after which a verified flow may hand over another request. */
    private static final List<RequestStatus> RETRYABLE = List.of(RequestStatus.REJECTED, RequestStatus.FAILED,
            RequestStatus.EXPIRED);

    private final DirectoryUserService users;
    private final AbuseGuard guard;
    private final OneTimeCodes codes;
    private final AuthenticatorSecrets authenticators;
    private final SelfServiceMailer mailer;
    private final PipelineSubmitter pipeline;
    private final RequestStatusService statuses;
    private final OutcomeRecorder outcomes;
    private final PortalConfig.SelfService settings;
    private final SettingsService adminSettings;
    private final WritebackStatusService writeback;

    public VerificationFlowService(DirectoryUserService users, AbuseGuard guard, OneTimeCodes codes,
            AuthenticatorSecrets authenticators, SelfServiceMailer mailer, PipelineSubmitter pipeline,
            RequestStatusService statuses, OutcomeRecorder outcomes, PortalConfig config, SettingsService adminSettings,
            WritebackStatusService writeback) {
        this.users = users;
        this.guard = guard;
        this.codes = codes;
        this.authenticators = authenticators;
        this.mailer = mailer;
        this.pipeline = pipeline;
        this.statuses = statuses;
        this.outcomes = outcomes;
        this.settings = config.selfService();
        this.adminSettings = adminSettings;
        this.writeback = writeback;
    }

    /**
     * Starts a flow for any valid user name and mails a code to a known, eligible user with a mail address.
     *
     * @return the flow id, for every user name alike
     */
    public UUID start(Kind kind, String username, String clientAddress) {
        long began = System.nanoTime();
        try {
            guard.countClientRequest(clientAddress);
            Operation operation = kind == Kind.RESET ? Operation.RESET : Operation.UNLOCK;
            if (kind == Kind.UNLOCK && !adminSettings.current().unlockAllowed()) {
                refuse(ResultCode.UNLOCK_NOT_ALLOWED, username, operation);
            }
            writeback.requireActive(operation, username);
            if (username == null || username.isBlank()) {
                refuse(ResultCode.INVALID_REQUEST, username, operation);
            }
            if (!UserKeys.isValidUsername(username)) {
                refuse(ResultCode.USERNAME_INVALID, username, operation);
            }
            return Refusals.inTransaction(() -> startFlow(kind, username));
        } finally {
            AnswerTime.padTo(began, settings.minimumAnswerTime());
        }
    }

    private UUID startFlow(Kind kind, String username) {
        Optional<DirectoryUser> user = users.byName(username).filter(DirectoryUser::mayUseSelfService);
        String accountKey = user.map(u -> u.objectGuid).orElse(UserKeys.fromUsername(username));
        guard.requireNotBlocked(accountKey);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // A new flow voids the codes of the account's older ones.
        VerificationFlow.update("superseded = true where accountKey = ?1 and superseded = false", accountKey);
        VerificationFlow flow = new VerificationFlow();
        flow.flowId = UUID.randomUUID();
        flow.kind = kind;
        flow.accountKey = accountKey;
        flow.username = username;
        flow.knownUser = user.isPresent();
        flow.methodsRequired = adminSettings.current().methodsRequired();
        String code = codes.newCode();
        // An unknown user's flow gets a code too, mailed to nobody, so both take the same work and time.
        flow.codeMac = codes.macOf(flow.flowId, code);
        flow.createdAt = now;
        flow.codeExpiresAt = now.plus(settings.codeValidity());
        flow.expiresAt = now.plus(settings.flowValidity());
        flow.persist();
        user.filter(u -> u.mail != null && !u.mail.isBlank()).ifPresent(u -> mailer.sendCode(u.mail, accountKey,
                displayName(u), flowName(kind), code));
        outcomes.flowStep(FlowStep.started(flowName(kind)), flow.flowId, accountKey, username,
                ResultCode.REQUEST_ACCEPTED);
        return flow.flowId;
    }

    /** Where a flow stands, for its page: what nobody but the holder of its id may see, and nothing about the user. */
    public record FlowView(UUID flowId, int methodsRequired, List<String> remaining, UUID requestId) {
        public boolean verified() {
            return remaining.isEmpty();
        }
    }

    /**
     * @return the open flow (not superseded by a newer one, not expired); empty for any other id. A flow of an unknown
     *         user reads like any other: it simply never verifies
     */
    public Optional<FlowView> view(Kind kind, UUID flowId) {
        if (flowId == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return Refusals.inTransaction(() -> VerificationFlow.<VerificationFlow>findByIdOptional(flowId)
                .filter(f -> f.kind == kind && !f.superseded && now.isBefore(f.expiresAt))
                .map(f -> new FlowView(f.flowId, f.methodsRequired, remaining(f), f.requestId)));
    }

    /**
     * Checks one method's code.
     *
     * @return the methods still needed before {@link #complete} (empty when verified)
     * @throws RequestRefusedException CODE_WRONG for every failure, SELF_SERVICE_BLOCKED after too many
     */
    public List<String> verify(Kind kind, UUID flowId, String method, String code, String clientAddress) {
        guard.countClientRequest(clientAddress);
        return Refusals.inTransaction(() -> verifyInFlow(kind, flowId, method, code));
    }

    private List<String> verifyInFlow(Kind kind, UUID flowId, String method, String code) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        VerificationFlow flow = openFlow(kind, flowId, now).orElse(null);
        if (flow == null) {
            outcomes.flowStep(FlowStep.verified(flowName(kind), EMAIL.equals(method) ? EMAIL : AUTHENTICATOR),
                    flowId == null ? UUID.randomUUID() : flowId, "unknown-flow", null, ResultCode.CODE_WRONG);
            throw new RequestRefusedException(ResultCode.CODE_WRONG);
        }
        guard.requireNotBlocked(flow.accountKey);
        boolean verified = switch (method == null ? "" : method) {
            case EMAIL -> checkMailCode(flow, code, now);
            case AUTHENTICATOR -> checkAuthenticatorCode(flow, code, now);
            default -> false;
        };
        FlowStep step = FlowStep.verified(flowName(kind), EMAIL.equals(method) ? EMAIL : AUTHENTICATOR);
        if (!verified) {
            outcomes.flowStep(step, flow.flowId, flow.accountKey, flow.username, ResultCode.CODE_WRONG);
            // counted in a transaction of its own, so the count stays whatever this answer is
            guard.recordFailure(flow.accountKey, flow.username);
            throw new RequestRefusedException(ResultCode.CODE_WRONG);
        }
        outcomes.flowStep(step, flow.flowId, flow.accountKey, flow.username, ResultCode.REQUEST_ACCEPTED);
        return remaining(flow);
    }

    private boolean checkMailCode(VerificationFlow flow, String code, Instant now) {
        if (!flow.knownUser || flow.emailVerifiedAt != null || flow.codeTries >= settings.codeTries()
                || !now.isBefore(flow.codeExpiresAt)) {
            return false;
        }
        if (!codes.matches(flow.flowId, code, flow.codeMac)) {
            flow.codeTries++;
            return false;
        }
        flow.emailVerifiedAt = now;
        // single use: the stored MAC no longer matches any code that was mailed
        flow.codeMac = codes.macOf(flow.flowId, codes.newCode() + "-spent");
        return true;
    }

    private boolean checkAuthenticatorCode(VerificationFlow flow, String code, Instant now) {
        if (!flow.knownUser || flow.appVerifiedAt != null) {
            return false;
        }
        Authenticator app = Authenticator.<Authenticator>findByIdOptional(flow.accountKey).orElse(null);
        if (app == null) {
            return false;
        }
        byte[] secret = authenticators.decrypt(app.secretCiphertext, app.accountKey);
        try {
            long step = authenticators.matchingStep(secret, code, now, app.lastStep);
            if (step < 0) {
                return false;
            }
            app.lastStep = step;
            flow.appVerifiedAt = now;
            return true;
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Hands the verified flow to the pipeline: a RESET with the new password, or an UNLOCK.
     *
     * @return the request id; the same one again while that request is open or succeeded
     * @throws RequestRefusedException VERIFICATION_INCOMPLETE before every required method is verified
     */
    public UUID complete(Kind kind, UUID flowId, String newPassword, String clientAddress) {
        guard.countClientRequest(clientAddress);
        requireOffered(kind);
        if (kind == Kind.RESET) {
            ChangeRequestValidator.checkNewPassword(newPassword).ifPresent(code -> {
                throw new RequestRefusedException(code);
            });
        }
        Handover handover = Refusals.inTransaction(() -> handOver(kind, flowId));
        if (handover.submission() == null) {
            return handover.requestId();
        }
        Submission submission = handover.submission();
        UUID requestId = pipeline.submit(handover.requestId(), kind == Kind.RESET ? new Submission(
                submission.operation(), submission.userKey(), submission.username(), null, newPassword,
                submission.verification()) : submission);
        outcomes.flowStep(FlowStep.completed(flowName(kind)), handover.flowId(), submission.userKey(),
                submission.username(), ResultCode.REQUEST_ACCEPTED);
        return requestId;
    }

    /** What a completed flow hands to the pipeline; no submission when its request is already on its way. */
    private record Handover(UUID flowId, UUID requestId, Submission submission) {
    }

    /**
     * Claims the flow's request id in its own transaction, committed before the request is published (as a change's
     * status row is), so that no result can arrive for a request the portal does not know yet.
     */
    private Handover handOver(Kind kind, UUID flowId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        VerificationFlow flow = openFlow(kind, flowId, now).filter(f -> remaining(f).isEmpty())
                .orElseThrow(() -> new RequestRefusedException(ResultCode.VERIFICATION_INCOMPLETE));
        if (flow.requestId != null) {
            Optional<PasswordRequest> earlier = statuses.find(flow.requestId);
            // a new password refused by the policy or the directory may be followed by another; an open or
            // succeeded request is answered again as it is
            if (earlier.isPresent() && RETRYABLE.stream().noneMatch(status -> status == earlier.get().status)) {
                return new Handover(flow.flowId, flow.requestId, null);
            }
        }
        DirectoryUser user = users.byKey(flow.accountKey).filter(DirectoryUser::mayUseSelfService)
                .orElseThrow(() -> new RequestRefusedException(ResultCode.VERIFICATION_INCOMPLETE));
        flow.requestId = UUID.randomUUID();
        Operation operation = kind == Kind.RESET ? Operation.RESET : Operation.UNLOCK;
        return new Handover(flow.flowId, flow.requestId, new Submission(operation, flow.accountKey,
                user.accountName, null, null, attestation(flow)));
    }

    /** The methods still needed, by their API names. */
    private static List<String> remaining(VerificationFlow flow) {
        int done = (flow.emailVerifiedAt != null ? 1 : 0) + (flow.appVerifiedAt != null ? 1 : 0);
        List<String> missing = new ArrayList<>();
        if (done >= flow.methodsRequired) {
            return missing;
        }
        if (flow.emailVerifiedAt == null) {
            missing.add(EMAIL);
        }
        if (flow.appVerifiedAt == null) {
            missing.add(AUTHENTICATOR);
        }
        return missing;
    }

    private static Verification attestation(VerificationFlow flow) {
        List<Method> methods = new ArrayList<>();
        Instant last = null;
        if (flow.emailVerifiedAt != null) {
            methods.add(Method.email);
            last = flow.emailVerifiedAt;
        }
        if (flow.appVerifiedAt != null) {
            methods.add(Method.mobileApp);
            last = last == null || flow.appVerifiedAt.isAfter(last) ? flow.appVerifiedAt : last;
        }
        return new Verification(methods, last);
    }

    private static Optional<VerificationFlow> openFlow(Kind kind, UUID flowId, Instant now) {
        if (flowId == null) {
            return Optional.empty();
        }
        // locked: two answers racing for one code must not both pass
        return VerificationFlow.<VerificationFlow>findByIdOptional(flowId, LockModeType.PESSIMISTIC_WRITE)
                .filter(f -> f.kind == kind && !f.superseded && now.isBefore(f.expiresAt));
    }

    /** A start refused before any flow exists: audited as the refused request, as a refused change is. */
    private void refuse(ResultCode code, String username, Operation operation) {
        outcomes.refused(code, username, operation);
        throw new RequestRefusedException(code);
    }

    private void requireOffered(Kind kind) {
        if (kind == Kind.UNLOCK && !adminSettings.current().unlockAllowed()) {
            throw new RequestRefusedException(ResultCode.UNLOCK_NOT_ALLOWED);
        }
    }

    static String flowName(Kind kind) {
        return kind == Kind.RESET ? FlowStep.RESET : FlowStep.UNLOCK;
    }

    static String displayName(DirectoryUser user) {
        return user.displayName == null || user.displayName.isBlank() ? user.accountName : user.displayName;
    }
}
