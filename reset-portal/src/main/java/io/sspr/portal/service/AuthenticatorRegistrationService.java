package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.portal.config.PortalConfig;
import io.sspr.portal.persistence.Authenticator;
import io.sspr.portal.persistence.AuthenticatorRegistration;
import io.sspr.portal.persistence.AuthenticatorRegistration.State;
import io.sspr.portal.service.PipelineSubmitter.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Registering an authenticator app: the current password is checked by the directory through the pipeline (a
 * VERIFY_PASSWORD request; the portal never contacts a DC), then a code is mailed, then the app's secret is shown
 * (otpauth URI and QR code) and saved, encrypted, once the app's first code is right.
 */
@ApplicationScoped
public class AuthenticatorRegistrationService {
    private final DirectoryUserService users;
    private final AbuseGuard guard;
    private final OneTimeCodes codes;
    private final AuthenticatorSecrets secrets;
    private final SelfServiceMailer mailer;
    private final PipelineSubmitter pipeline;
    private final OutcomeRecorder outcomes;
    private final PortalConfig.SelfService settings;

    public AuthenticatorRegistrationService(DirectoryUserService users, AbuseGuard guard, OneTimeCodes codes,
            AuthenticatorSecrets secrets, SelfServiceMailer mailer, PipelineSubmitter pipeline,
            OutcomeRecorder outcomes, PortalConfig config) {
        this.users = users;
        this.guard = guard;
        this.codes = codes;
        this.secrets = secrets;
        this.mailer = mailer;
        this.pipeline = pipeline;
        this.outcomes = outcomes;
        this.settings = config.selfService();
    }

    /** A registration as its owner sees it: where it stands, and the public answer when it failed. */
    public record RegistrationView(UUID registrationId, State state, ResultCode code, String message) {
    }

    /** Starts a registration: the current password goes to the directory for checking. */
    public UUID start(String username, String currentPassword, String clientAddress) {
        guard.countClientRequest(clientAddress);
        ChangeRequestValidator.check(username, currentPassword, "unused").ifPresent(code -> {
            throw new RequestRefusedException(code);
        });
        UUID registrationId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        String accountKey = Refusals.inTransaction(() -> {
            String key = users.accountKeyOf(username);
            guard.requireNotBlocked(key);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AuthenticatorRegistration registration = new AuthenticatorRegistration();
            registration.registrationId = registrationId;
            registration.accountKey = key;
            registration.username = username;
            registration.state = State.CHECKING_PASSWORD;
            registration.requestId = requestId;
            registration.createdAt = now;
            registration.updatedAt = now;
            registration.expiresAt = now.plus(settings.flowValidity());
            registration.persist();
            return key;
        });
        try {
            pipeline.submit(requestId, new Submission(Operation.VERIFY_PASSWORD, accountKey, username,
                    currentPassword, null, null));
        } catch (RequestRefusedException e) {
            Refusals.inTransaction(() -> fail(registrationId, e.code()));
            throw e;
        }
        return registrationId;
    }

    /** The directory's answer about the current password (called with the stored result, in its transaction). */
    public void onPasswordChecked(PasswordResult result) {
        AuthenticatorRegistration registration = AuthenticatorRegistration
                .<AuthenticatorRegistration>find("requestId", result.correlationId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElse(null);
        if (registration == null || registration.state != State.CHECKING_PASSWORD) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        registration.updatedAt = now;
        if (result.status() != RequestStatus.SUCCEEDED) {
            ResultCode answer = PublicAnswers.of(Operation.VERIFY_PASSWORD, result.code());
            registration.state = State.FAILED;
            registration.resultCode = answer;
            outcomes.flowStep(FlowStep.passwordChecked(), registration.registrationId, registration.accountKey,
                    registration.username, answer);
            if (answer == ResultCode.CURRENT_PASSWORD_WRONG) {
                try {
                    guard.recordFailure(registration.accountKey, registration.username);
                } catch (SelfServiceBlockedException blocked) {
                    // recorded and audited; the person hears it at the next step
                }
            }
            return;
        }
        String code = codes.newCode();
        registration.codeMac = codes.macOf(registration.registrationId, code);
        registration.codeExpiresAt = now.plus(settings.codeValidity());
        registration.state = State.CODE_SENT;
        users.byKey(registration.accountKey).filter(u -> u.mail != null && !u.mail.isBlank())
                .ifPresent(u -> mailer.sendCode(u.mail, registration.accountKey,
                        VerificationFlowService.displayName(u), FlowStep.REGISTRATION, code));
        outcomes.flowStep(FlowStep.passwordChecked(), registration.registrationId, registration.accountKey,
                registration.username, ResultCode.CURRENT_PASSWORD_CONFIRMED);
    }

    public Optional<RegistrationView> view(UUID registrationId) {
        return Refusals.inTransaction(() -> AuthenticatorRegistration
                .<AuthenticatorRegistration>findByIdOptional(registrationId)
                .map(r -> new RegistrationView(r.registrationId, r.state, r.resultCode,
                        r.resultCode == null ? null : r.resultCode.defaultMessage())));
    }

    /** The mailed code: when right, the app's secret is made and shown, once. */
    public AuthenticatorEnrolment verifyMailCode(UUID registrationId, String code, String clientAddress) {
        guard.countClientRequest(clientAddress);
        return Refusals.inTransaction(() -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AuthenticatorRegistration registration = open(registrationId, State.CODE_SENT, now);
            guard.requireNotBlocked(registration.accountKey);
            boolean right = registration.codeTries < settings.codeTries() && now.isBefore(registration.codeExpiresAt)
                    && codes.matches(registration.registrationId, code, registration.codeMac);
            if (!right) {
                registration.codeTries++;
                refuseWrongCode(registration, FlowStep.mailCodeChecked());
            }
            byte[] secret = secrets.newSecret();
            try {
                registration.secretCiphertext = secrets.encrypt(secret, registration.accountKey);
                registration.codeMac = codes.macOf(registration.registrationId, codes.newCode() + "-spent");
                registration.state = State.SECRET_ISSUED;
                registration.updatedAt = now;
                outcomes.flowStep(FlowStep.mailCodeChecked(), registration.registrationId, registration.accountKey,
                        registration.username, ResultCode.REQUEST_ACCEPTED);
                return enrolmentOf(registration, secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        });
    }

    /**
     * The issued secret again, until the app's first code confirms it: the page that shows it after the mailed code
     * may be reloaded. The caller shows it only to the browser that entered the mailed code (io.sspr.portal.web).
     *
     * @return empty unless the registration is waiting for the app's first code and has not expired
     */
    public Optional<AuthenticatorEnrolment> issuedEnrolment(UUID registrationId) {
        if (registrationId == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return Refusals.inTransaction(() -> AuthenticatorRegistration
                .<AuthenticatorRegistration>findByIdOptional(registrationId)
                .filter(r -> r.state == State.SECRET_ISSUED && r.secretCiphertext != null && now.isBefore(r.expiresAt))
                .map(registration -> {
                    byte[] secret = secrets.decrypt(registration.secretCiphertext, registration.accountKey);
                    try {
                        return enrolmentOf(registration, secret);
                    } finally {
                        Arrays.fill(secret, (byte) 0);
                    }
                }));
    }

    private AuthenticatorEnrolment enrolmentOf(AuthenticatorRegistration registration, byte[] secret) {
        String accountName = users.byKey(registration.accountKey).map(u -> u.userPrincipalName != null
                ? u.userPrincipalName : u.accountName).orElse(registration.username);
        return AuthenticatorEnrolment.of(settings.authenticatorIssuer(), accountName, secret);
    }

    /** The app's first code: when right, the authenticator is saved for the account. */
    public void confirm(UUID registrationId, String code, String clientAddress) {
        guard.countClientRequest(clientAddress);
        Refusals.inTransaction(() -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AuthenticatorRegistration registration = open(registrationId, State.SECRET_ISSUED, now);
            guard.requireNotBlocked(registration.accountKey);
            byte[] secret = secrets.decrypt(registration.secretCiphertext, registration.accountKey);
            long step;
            try {
                step = secrets.matchingStep(secret, code, now, -1);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
            FlowStep confirmStep = new FlowStep(FlowStep.REGISTRATION, "verify-authenticator",
                    "User entered the authenticator app's first code");
            if (step < 0 || registration.codeTries >= settings.codeTries()) {
                registration.codeTries++;
                refuseWrongCode(registration, confirmStep);
            }
            Authenticator app = Authenticator.<Authenticator>findByIdOptional(registration.accountKey)
                    .orElseGet(Authenticator::new);
            boolean isNew = app.accountKey == null;
            app.accountKey = registration.accountKey;
            app.secretCiphertext = registration.secretCiphertext;
            app.lastStep = step;
            app.registeredAt = now;
            if (isNew) {
                app.persist();
            }
            registration.secretCiphertext = null;
            registration.state = State.CONFIRMED;
            registration.updatedAt = now;
            outcomes.flowStep(confirmStep, registration.registrationId, registration.accountKey,
                    registration.username, ResultCode.REQUEST_ACCEPTED);
            outcomes.authenticatorRegistered(registration.registrationId, registration.accountKey,
                    registration.username);
            return null;
        });
    }

    private AuthenticatorRegistration open(UUID registrationId, State expected, Instant now) {
        return Optional.ofNullable(registrationId)
                .flatMap(id -> AuthenticatorRegistration.<AuthenticatorRegistration>findByIdOptional(id,
                        LockModeType.PESSIMISTIC_WRITE))
                .filter(r -> r.state == expected && now.isBefore(r.expiresAt))
                .orElseThrow(() -> new RequestRefusedException(ResultCode.CODE_WRONG));
    }

    private void refuseWrongCode(AuthenticatorRegistration registration, FlowStep step) {
        outcomes.flowStep(step, registration.registrationId, registration.accountKey, registration.username,
                ResultCode.CODE_WRONG);
        guard.recordFailure(registration.accountKey, registration.username);
        throw new RequestRefusedException(ResultCode.CODE_WRONG);
    }

    private Void fail(UUID registrationId, ResultCode code) {
        AuthenticatorRegistration.<AuthenticatorRegistration>findByIdOptional(registrationId).ifPresent(r -> {
            r.state = State.FAILED;
            r.resultCode = code;
            r.updatedAt = Instant.now();
        });
        return null;
    }
}
