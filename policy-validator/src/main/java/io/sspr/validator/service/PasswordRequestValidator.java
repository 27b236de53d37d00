package io.sspr.validator.service;

import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.Verification;
import io.sspr.events.Violation;
import io.sspr.events.crypto.SealedSecretException;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.validator.config.ValidatorConfig;
import io.sspr.validator.directory.AccountScope;
import io.sspr.validator.directory.DirectoryUnavailableException;
import io.sspr.validator.directory.DirectoryUser;
import io.sspr.validator.directory.EffectivePolicyReader;
import io.sspr.validator.directory.UserDirectory;
import io.sspr.validator.policy.AccountChecks;
import io.sspr.validator.policy.PasswordPolicy;
import io.sspr.validator.policy.PasswordRules;
import io.sspr.validator.policy.RulesInForce;
import io.sspr.validator.policy.UserNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.CharBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides one request: expired, refused by the policy, failed, or accepted with the validator's own expiry. Blocking
 * (LDAP). Throws {@link DirectoryUnavailableException}, which is transient: the request is decided again once the DC
 * answers, or ends EXPIRED if it never does in time; and {@link UnprocessableEventException} (REFUSED) for a reset
 * or unlock without the portal's attestation of a completed verification, an admin reset without an operator, or a
 * password check (VERIFY_PASSWORD) without the sealed current password, which is dead-lettered and audited.
 */
@ApplicationScoped
public class PasswordRequestValidator {
    private static final Logger LOG = Logger.getLogger(PasswordRequestValidator.class);

    /** Clocks of portal and validator may differ this much. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final SecretOpener opener;
    private final UserDirectory users;
    private final EffectivePolicyReader policies;
    private final AccountScope scope;
    private final RulesInForce rules;
    private final Duration requestTtl;
    private final Duration verificationMaxAge;

    @Inject
    public PasswordRequestValidator(SecretOpener opener, UserDirectory users, EffectivePolicyReader policies,
            AccountScope scope, RulesInForce rules, ValidatorConfig config) {
        this(opener, users, policies, scope, rules, config.requestTtl(), config.verificationMaxAge());
    }

    public PasswordRequestValidator(SecretOpener opener, UserDirectory users, EffectivePolicyReader policies,
            AccountScope scope, RulesInForce rules, Duration requestTtl, Duration verificationMaxAge) {
        this.opener = opener;
        this.users = users;
        this.policies = policies;
        this.scope = scope;
        this.rules = rules;
        this.requestTtl = requestTtl;
        this.verificationMaxAge = verificationMaxAge;
    }

    /** @param now when the validator received (is deciding) the request */
    public ValidationOutcome validate(PasswordRequested request, Instant now) {
        requireAttestation(request);
        if (request.isExpiredAt(now)) {
            return refused(request, RequestStatus.EXPIRED, List.of(Violation.of(ResultCode.REQUEST_EXPIRED)), now);
        }
        try {
            if (request.operation() == Operation.VERIFY_PASSWORD) {
                // The current password is the worker's to check (a bind as the user); unknown looks like wrong.
                return validateAccount(request, ResultCode.CURRENT_PASSWORD_WRONG, now);
            }
            return request.operation() == Operation.UNLOCK && request.sealedNewPasswordForValidator() == null
                    ? validateAccount(request, ResultCode.USER_NOT_FOUND, now)
                    : validatePassword(request, now);
        } catch (DirectoryUnavailableException e) {
            LOG.warnf("correlationId=%s directory unavailable, decided again later: %s", request.correlationId(),
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // Only the type: an unexpected message could quote anything.
            LOG.errorf("correlationId=%s unexpected %s", request.correlationId(), e.getClass().getName());
            return failed(request, ResultCode.INTERNAL_ERROR, now);
        }
    }

    private ValidationOutcome validatePassword(PasswordRequested request, Instant now) {
        SealingContext context = new SealingContext(request.correlationId(), request.userKey(), request.operation(),
                SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR);
        // The validator opens only its own copy; the worker's copies (and the current password) stay sealed to it.
        Secret opened;
        try {
            opened = opener.open(request.sealedNewPasswordForValidator(), context);
        } catch (SealedSecretException | IllegalArgumentException e) {
            // The messages name the field and the kind of failure, never the value.
            LOG.errorf("correlationId=%s new password cannot be opened: %s", request.correlationId(), e.getMessage());
            return failed(request, ResultCode.INTERNAL_ERROR, now);
        }
        try (Secret secret = opened) {
            char[] chars = secret.chars();
            try {
                return judge(request, CharBuffer.wrap(chars), now);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
    }

    private ValidationOutcome judge(PasswordRequested request, CharSequence password, Instant now) {
        PasswordRules rules = this.rules.current(); // the admin may switch them meanwhile
        List<DirectoryUser> found = users.find(request.username());
        if (found.isEmpty()) {
            // Same answer as a wrong password, after the same policy work: no user enumeration.
            return passwordFirst(request, rules, password, failed(request, ResultCode.CURRENT_PASSWORD_WRONG, now),
                    now);
        }
        if (found.size() > 1) {
            return unproven(request)
                    ? passwordFirst(request, rules, password, failed(request, ResultCode.USER_AMBIGUOUS, now), now)
                    : failed(request, ResultCode.USER_AMBIGUOUS, now);
        }
        DirectoryUser user = found.get(0);
        Optional<ValidationOutcome> accountRefusal = refuseAccount(request, user, now);
        if (accountRefusal.isPresent()) {
            return unproven(request) ? passwordFirst(request, rules, password, accountRefusal.get(), now)
                    : accountRefusal.get();
        }
        PasswordPolicy policy = policies.policyFor(user).policy();
        List<Violation> violations = new ArrayList<>(rules.check(password, policy, user.names()));
        AccountChecks.minimumAge(request.operation(), policy.minAge(), user.passwordLastSet(), now)
                .ifPresent(violations::add);
        if (!violations.isEmpty()) {
            return refused(request, RequestStatus.REJECTED, violations, now);
        }
        return accepted(request, user, now);
    }

    /**
     * Anti-enumeration for a change (the person has proven nothing yet): an account that is unknown or may not use
     * self-service is first held to what a known account under the domain's default policy would be, with the name
     * they typed standing for the account's names, so a short password gets the same violations whoever is named.
     * Only a password that passes gets the account's answer (which the portal shows as a wrong current password).
     */
    private ValidationOutcome passwordFirst(PasswordRequested request, PasswordRules rules, CharSequence password,
            ValidationOutcome accountAnswer, Instant now) {
        List<Violation> violations = rules.check(password, policies.domainPolicy().policy(),
                UserNames.typed(request.username()));
        return violations.isEmpty() ? accountAnswer : refused(request, RequestStatus.REJECTED, violations, now);
    }

    /** Before anyone proved who they are: a change, whose answers must not tell who exists. */
    private static boolean unproven(PasswordRequested request) {
        return request.operation() == Operation.CHANGE;
    }

    /** Protected, out-of-scope and disabled accounts never reach the worker, whatever the password. */
    private Optional<ValidationOutcome> refuseAccount(PasswordRequested request, DirectoryUser user, Instant now) {
        List<Violation> violations = AccountChecks.accountViolations(user.facts(scope.includes(user)));
        if (!violations.isEmpty()) {
            return Optional.of(refused(request, RequestStatus.REJECTED, violations, now));
        }
        return user.isDisabled() ? Optional.of(failed(request, ResultCode.ACCOUNT_DISABLED, now)) : Optional.empty();
    }

    /**
     * A request decided on the account alone: the same account checks as a change (exists once, not protected, in
     * scope, enabled), no password rule. An unlock carries no new password; a password check (VERIFY_PASSWORD) carries
     * only the current one, sealed to the worker, which binds as the user.
     *
     * @param unknown the answer for an account that does not exist
     */
    private ValidationOutcome validateAccount(PasswordRequested request, ResultCode unknown, Instant now) {
        List<DirectoryUser> found = users.find(request.username());
        if (found.isEmpty()) {
            return failed(request, unknown, now);
        }
        if (found.size() > 1) {
            return failed(request, ResultCode.USER_AMBIGUOUS, now);
        }
        DirectoryUser user = found.get(0);
        return refuseAccount(request, user, now).orElseGet(() -> accepted(request, user, now));
    }

    private ValidationOutcome accepted(PasswordRequested request, DirectoryUser user, Instant now) {
        return new ValidationOutcome.Accepted(PasswordValidated.of(request, user.dn(), user.objectGuid(), now,
                expiryOf(request, now)));
    }

    /** The validator's own TTL from now, never later than the request asked. */
    private Instant expiryOf(PasswordRequested request, Instant now) {
        Instant own = now.plus(requestTtl);
        return own.isBefore(request.expiresAt()) ? own : request.expiresAt();
    }

    /**
     * A reset or unlock replaces what only the person may decide: the portal must attest that they proved who they
     * are, recently; an admin reset must name the operator its verified token carried.
     */
    private void requireAttestation(PasswordRequested request) {
        String problem = switch (request.operation()) {
            case CHANGE -> null;
            case VERIFY_PASSWORD -> request.sealedCurrentPassword() != null ? null
                    : "a password check without the current password";
            case RESET -> verificationProblem(request);
            // the help desk unlocks for a user (operator of a verified token), the user after verification
            case UNLOCK -> request.operator() != null && request.operator().isComplete() ? null
                    : verificationProblem(request);
            case ADMIN_RESET -> request.operator() != null && request.operator().isComplete() ? null
                    : "an admin reset without the operator of a verified token";
        };
        if (problem != null) {
            throw new UnprocessableEventException(UnprocessableEventException.Reason.REFUSED,
                    "request refused: " + problem, new UnprocessableEventException.Claims(request.correlationId(),
                            request.userKey(), request.username(), request.operation().activity()));
        }
    }

    private String verificationProblem(PasswordRequested request) {
        Verification verification = request.verification();
        if (verification == null || !verification.isComplete()) {
            return "a " + request.operation().wireName() + " without a completed verification";
        }
        if (verification.completedAt().isAfter(request.occurredAt().plus(CLOCK_SKEW))) {
            return "a verification completed after the request";
        }
        if (verification.completedAt().isBefore(request.occurredAt().minus(verificationMaxAge))) {
            return "a verification older than " + verificationMaxAge;
        }
        return null;
    }

    private static ValidationOutcome failed(PasswordRequested request, ResultCode code, Instant now) {
        return refused(request, RequestStatus.FAILED, List.of(Violation.of(code)), now);
    }

    private static ValidationOutcome refused(PasswordRequested request, RequestStatus status,
            List<Violation> violations, Instant now) {
        return new ValidationOutcome.Refused(PasswordResult.unsuccessful(request.correlationId(), request.operation(),
                request.userKey(), request.username(), status, violations, Services.POLICY_VALIDATOR, now));
    }
}
