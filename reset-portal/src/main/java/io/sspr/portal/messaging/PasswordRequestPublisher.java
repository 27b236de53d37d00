package io.sspr.portal.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.messaging.EventMessages;
import io.sspr.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/** Emits PasswordRequested to {@code sspr.password.requested} and waits for Kafka's acknowledgement. */
@ApplicationScoped
public class PasswordRequestPublisher {
    public static final String SERVICE_NAME = "reset-portal";
    private static final Logger LOG = Logger.getLogger(PasswordRequestPublisher.class);

    @Inject
    @Channel(Topics.PASSWORD_REQUESTED)
    MutinyEmitter<String> emitter;

    @Inject
    PortalConfig config;

    /**
     * @return true once every in-sync replica has the request (acks=all); false when Kafka refused it or did
     *         not answer in time, in which case the user must be told at once
     */
    public boolean publish(PasswordRequested event) {
        try {
            emitter.sendMessage(EventMessages.of(event, SERVICE_NAME)).await().atMost(config.publishTimeout());
            return true;
        } catch (RuntimeException e) {
            // The exception names the broker problem, never the payload.
            LOG.warnf("Kafka did not acknowledge requestId=%s: %s", event.correlationId(), e.getClass().getSimpleName());
            return false;
        }
    }
}
