package io.sspr.portal.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.sspr.events.PasswordValidated;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.portal.service.RequestStatusService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code sspr.password.validated} and moves the request to VALIDATED; emits nothing. */
@ApplicationScoped
public class PasswordValidatedConsumer {
    private final RequestStatusService status;

    public PasswordValidatedConsumer(RequestStatusService status) {
        this.status = status;
    }

    /** A malformed payload throws MalformedEventException (no input in it) and goes to the dead-letter topic. */
    @Incoming(Topics.PASSWORD_VALIDATED)
    @Blocking
    public void consume(String payload) {
        status.onValidated(EventJson.read(payload, PasswordValidated.class));
    }
}
