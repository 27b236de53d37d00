package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.ResultCode;
import io.sspr.events.UserKeys;
import io.sspr.portal.service.PipelineSubmitter.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Takes a self-service password change: checks it and hands it to the pipeline. Each outcome (accepted, refused, Kafka
 * unavailable) goes to the {@link OutcomeRecorder}, which logs, counts and audits it. A change is a guess at the current
 * password, so it is held to the self-service abuse limits: the per-client limit here, and the account's block, which
 * wrong current passwords reported by the directory fill ({@link RequestResultService}).
 */
@ApplicationScoped
public class PasswordChangeService {
    private final PipelineSubmitter pipeline;
    private final OutcomeRecorder outcomes;
    private final AbuseGuard guard;
    private final DirectoryUserService users;

    public PasswordChangeService(PipelineSubmitter pipeline, OutcomeRecorder outcomes, AbuseGuard guard,
            DirectoryUserService users) {
        this.pipeline = pipeline;
        this.outcomes = outcomes;
        this.guard = guard;
        this.users = users;
    }

    /**
     * @return the request id (= correlation id) of an accepted request
     * @throws RequestRefusedException when the input cannot be accepted, the client or the account is past the abuse
     *         limits, or Kafka did not take it
     */
    public UUID submit(String username, String currentPassword, String newPassword, String clientAddress) {
        try {
            guard.countClientRequest(clientAddress);
        } catch (RequestRefusedException e) {
            throw refuse(e.code(), username);
        }
        ResultCode refusal = ChangeRequestValidator.check(username, currentPassword, newPassword).orElse(null);
        if (refusal != null) {
            throw refuse(refusal, username);
        }
        guard.requireNotBlocked(users.accountKeyOf(username));
        return pipeline.submit(new Submission(Operation.CHANGE, UserKeys.fromUsername(username), username,
                currentPassword, newPassword, null));
    }

    /** Records and audits a refused request and returns the exception to throw. */
    public RequestRefusedException refuse(ResultCode code, String username) {
        outcomes.refused(code, username, Operation.CHANGE);
        return new RequestRefusedException(code);
    }
}
