package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.portal.persistence.DirectoryUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * What follows a request's result: its stored status, the registration waiting for a password check, and the notice
 * mail after a successful change, reset or unlock (sent once: a redelivered result moves nothing).
 */
@ApplicationScoped
public class RequestResultService {
    private static final Set<Operation> NOTIFIED = Set.of(Operation.CHANGE, Operation.RESET, Operation.UNLOCK);

    private final RequestStatusService statuses;
    private final AuthenticatorRegistrationService registrations;
    private final DirectoryUserService users;
    private final SelfServiceMailer mailer;

    public RequestResultService(RequestStatusService statuses, AuthenticatorRegistrationService registrations,
            DirectoryUserService users, SelfServiceMailer mailer) {
        this.statuses = statuses;
        this.registrations = registrations;
        this.users = users;
        this.mailer = mailer;
    }

    @Transactional
    public void onResult(PasswordResult result) {
        boolean applied = statuses.onResult(result);
        if (result.operation() == Operation.VERIFY_PASSWORD) {
            registrations.onPasswordChecked(result);
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
