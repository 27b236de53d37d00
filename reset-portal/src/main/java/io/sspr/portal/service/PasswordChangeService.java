package io.sspr.portal.service;

import io.sspr.events.Operation;
import io.sspr.events.ResultCode;
import io.sspr.events.UserKeys;
import io.sspr.portal.service.PipelineSubmitter.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Takes a self-service password change: checks it and hands it to the pipeline. Each outcome (accepted, refused, Kafka
 * unavailable) goes to the {@link OutcomeRecorder}, which logs, counts and audits it.
 */
@ApplicationScoped
public class PasswordChangeService {
    private final PipelineSubmitter pipeline;
    private final OutcomeRecorder outcomes;

    public PasswordChangeService(PipelineSubmitter pipeline, OutcomeRecorder outcomes) {
        this.pipeline = pipeline;
        this.outcomes = outcomes;
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
        return pipeline.submit(new Submission(Operation.CHANGE, UserKeys.fromUsername(username), username,
                currentPassword, newPassword, null));
    }

    /** Records and audits a refused request and returns the exception to throw. */
    public RequestRefusedException refuse(ResultCode code, String username) {
        outcomes.refused(code, username, Operation.CHANGE);
        return new RequestRefusedException(code);
    }
}
