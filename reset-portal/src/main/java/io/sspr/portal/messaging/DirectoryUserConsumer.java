package io.sspr.portal.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.portal.service.DirectoryUserService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumes {@code sspr.directory.users} (the worker's profile sync) and stores each user; emits nothing. */
@ApplicationScoped
public class DirectoryUserConsumer {
    private final DirectoryUserService users;
    private final FailureRule failureRule;

    public DirectoryUserConsumer(DirectoryUserService users, FailureRule failureRule) {
        this.users = users;
        this.failureRule = failureRule;
    }

    /** Blocking: storing is a JDBC transaction; acknowledged once stored (FailureRule). */
    @Incoming(Topics.DIRECTORY_USERS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, DirectoryUserPublished.class, users::onPublished);
    }
}
