package io.sspr.portal.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import io.sspr.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/** Emits PasswordRequested to {@code sspr.password.requested} and waits for Kafka's acknowledgement. */
@ApplicationScoped
public class PasswordRequestPublisher {
    private static final Logger LOG = Logger.getLogger(PasswordRequestPublisher.class);
    /** Every channel's producer settings: the requests' and the settings' publishers wait for them alike. */
    private static final String PRODUCER = "mp.messaging.connector.smallrye-kafka.";

    private final MutinyEmitter<String> emitter;
    private final EventSigner signer;
    private final Duration publishTimeout;

    public PasswordRequestPublisher(@Channel(Topics.PASSWORD_REQUESTED) MutinyEmitter<String> emitter,
            EventSigner signer, PortalConfig config) {
        this.emitter = emitter;
        this.signer = signer;
        this.publishTimeout = config.publishTimeout();
    }

    void checkTimeoutAtStart(@Observes StartupEvent event, Config config) {
        requireTimeoutCoversDelivery(publishTimeout, config);
    }

    /**
     * Kafka may still deliver a record until max.block.ms (waiting for metadata or buffer space) and then
     * delivery.timeout.ms have passed (Kafka's defaults: 60 s and 120 s); giving up earlier would tell a user
     * "failed" about a request that is applied afterwards.
     */
    static void requireTimeoutCoversDelivery(Duration publishTimeout, Config config) {
        long maxBlock = config.getOptionalValue(PRODUCER + "max.block.ms", Long.class).orElse(60_000L);
        long delivery = config.getOptionalValue(PRODUCER + "delivery.timeout.ms", Long.class).orElse(120_000L);
        if (publishTimeout.toMillis() <= maxBlock + delivery) {
            throw new IllegalStateException("sspr.portal.publish-timeout (" + publishTimeout.toMillis()
                    + " ms) must be longer than the producer's max.block.ms + delivery.timeout.ms (" + maxBlock
                    + " + " + delivery + " ms): until then Kafka may still deliver a request the user was told failed");
        }
    }

    /**
     * @return true once every in-sync replica has the request (acks=all); false when Kafka refused it or gave up
     *         on it, in which case the user must be told at once
     */
    public boolean publish(PasswordRequested event) {
        try {
            emitter.sendMessage(EventMessages.of(event, signer)).await().atMost(publishTimeout);
            return true;
        } catch (RuntimeException e) {
            // The exception names the broker problem, never the payload.
            LOG.warnf("Kafka did not acknowledge requestId=%s: %s", event.correlationId(), e.getClass().getSimpleName());
            return false;
        }
    }
}
