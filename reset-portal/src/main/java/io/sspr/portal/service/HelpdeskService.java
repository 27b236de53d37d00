package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.Operator;
import io.sspr.events.ResultCode;
import io.sspr.events.UserKeys;
import io.sspr.portal.persistence.DirectoryUser;
import io.sspr.portal.service.PipelineSubmitter.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * What the help desk does for a user who called: a reset to a generated password, shown once to the operator, or an
 * unlock. Both go through the pipeline as any request does, signed by the portal with the operator of the verified
 * token, so the validator checks the policy, the worker writes it, the audit names the operator as initiator, and the
 * user is mailed once it is done. The password is never stored: it is sealed into the request and returned.
 */
@ApplicationScoped
public class HelpdeskService {
    private final PipelineSubmitter pipeline;
    private final DirectoryUserService users;
    private final TemporaryPasswords passwords;
    private final OutcomeRecorder outcomes;

    public HelpdeskService(PipelineSubmitter pipeline, DirectoryUserService users, TemporaryPasswords passwords,
            OutcomeRecorder outcomes) {
        this.pipeline = pipeline;
        this.users = users;
        this.passwords = passwords;
        this.outcomes = outcomes;
    }

    /** The request and the password to tell the user; the password is nowhere else in clear. */
    public record TemporaryPassword(UUID requestId, String temporaryPassword) {
        @Override
        public String toString() {
            return "TemporaryPassword[" + requestId + "]";
        }
    }

    public TemporaryPassword resetPassword(String username, boolean mustChangeAtNextLogon, Operator operator) {
        requireValid(username, Operation.ADMIN_RESET, operator);
        Optional<DirectoryUser> user = users.byName(username);
        String password = passwords.generate(username, user);
        UUID requestId = pipeline.submit(new Submission(Operation.ADMIN_RESET, UserKeys.fromUsername(username),
                username, null, password, null, operator, mustChangeAtNextLogon));
        return new TemporaryPassword(requestId, password);
    }

    public UUID unlock(String username, Operator operator) {
        requireValid(username, Operation.UNLOCK, operator);
        return pipeline.submit(new Submission(Operation.UNLOCK, UserKeys.fromUsername(username), username, null, null,
                null, operator, false));
    }

    /** A refused help-desk request is audited as a user's own refused request is, with the operator as initiator. */
    private void requireValid(String username, Operation operation, Operator operator) {
        ResultCode refusal = username == null || username.isBlank() ? ResultCode.INVALID_REQUEST
                : UserKeys.isValidUsername(username) ? null : ResultCode.USERNAME_INVALID;
        if (refusal != null) {
            outcomes.refused(refusal, username, operation, operator);
            throw new RequestRefusedException(refusal);
        }
    }
}
