package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.portal.persistence.DirectoryUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * What follows a request's result: its stored status, the registration waiting for a password check, a wrong current
 * password of a change counted toward the account's self-service block, and the notice mail after a successful change,
 * reset or unlock (each once: a redelivered result moves nothing).
 */
@ApplicationScoped
public class RequestResultService {
    private static final Set<Operation> NOTIFIED = Set.of(Operation.CHANGE, Operation.RESET,
            Operation.ADMIN_RESET, Operation.UNLOCK);

    private final RequestStatusService statuses;
    private final AuthenticatorRegistrationService registrations;
    private final DirectoryUserService users;
    private final SelfServiceMailer mailer;
    private final AbuseGuard guard;

    public RequestResultService(RequestStatusService statuses, AuthenticatorRegistrationService registrations,
            DirectoryUserService users, SelfServiceMailer mailer, AbuseGuard guard) {
        this.statuses = statuses;
        this.registrations = registrations;
        this.users = users;
        this.mailer = mailer;
        this.guard = guard;
    }

    @Transactional
    public void onResult(PasswordResult result) {
        boolean applied = statuses.onResult(result);
        if (result.operation() == Operation.VERIFY_PASSWORD) {
            registrations.onPasswordChecked(result);
        }
        if (applied && result.operation() == Operation.CHANGE && result.status() != RequestStatus.SUCCEEDED
                && PublicAnswers.isWrongPassword(Operation.CHANGE, result.code())) {
            try {
                guard.recordFailure(users.accountKeyOf(result.username()), result.username());
            } catch (SelfServiceBlockedException blocked) {
                // recorded and audited; the person hears it at the next attempt
            }
        }
        if (applied && result.status() == RequestStatus.SUCCEEDED && NOTIFIED.contains(result.operation())) {
            users.byKey(result.userKey()).filter(u -> u.mail != null && !u.mail.isBlank())
                    .ifPresent(u -> notify(u, result));
        }
    }

    private void notify(DirectoryUser user, PasswordResult result) {
        mailer.sendNotice(user.mail, user.objectGuid, VerificationFlowService.displayName(user), result.operation(),
                result.occurredAt());
    }
}
