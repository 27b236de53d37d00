package io.sspr.portal.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.PasswordPolicyPublished;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.portal.service.PasswordPolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes {@code sspr.directory.policies} (the validator's effective policies) and keeps each; emits nothing. */
@ApplicationScoped
public class PasswordPolicyConsumer {
    private final PasswordPolicyService policies;
    private final FailureRule failureRule;

    public PasswordPolicyConsumer(PasswordPolicyService policies, FailureRule failureRule) {
        this.policies = policies;
        this.failureRule = failureRule;
    }

    /** Blocking like every consumer (the failure rule waits between tries); acknowledged once kept. */
    @Incoming(Topics.DIRECTORY_POLICIES)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, PasswordPolicyPublished.class, policies::onPublished);
    }
}
