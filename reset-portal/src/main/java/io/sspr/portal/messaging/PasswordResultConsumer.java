package io.sspr.portal.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.sspr.events.PasswordResult;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.portal.service.RequestStatusService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code sspr.password.results} and stores the request's terminal status; emits nothing. */
@ApplicationScoped
public class PasswordResultConsumer {
    private final RequestStatusService status;

    public PasswordResultConsumer(RequestStatusService status) {
        this.status = status;
    }

    /** A malformed payload throws MalformedEventException (no input in it) and goes to the dead-letter topic. */
    @Incoming(Topics.PASSWORD_RESULTS)
    @Blocking
    public void consume(String payload) {
        status.onResult(EventJson.read(payload, PasswordResult.class));
    }
}
