package io.sspr.portal.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.AuditEvent;
import io.sspr.events.Topics;
import io.sspr.events.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/** Emits AuditEvent to {@code sspr.audit.events}; the user's answer does not wait for it. */
@ApplicationScoped
public class AuditPublisher {
    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    @Inject
    @Channel(Topics.AUDIT_EVENTS)
    MutinyEmitter<String> emitter;

    public void publish(AuditEvent event) {
        emitter.sendMessage(EventMessages.of(event, PasswordRequestPublisher.SERVICE_NAME))
                .subscribe().with(
                        ignored -> LOG.debugf("audit event %s published", event.eventId()),
                        failure -> LOG.warnf("audit event %s not published: %s", event.eventId(),
                                failure.getClass().getSimpleName()));
    }
}
