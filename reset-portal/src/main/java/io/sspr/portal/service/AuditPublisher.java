package io.sspr.portal.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.AuditEvent;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Emits AuditEvent to {@code sspr.audit.events}; the user's answer does not wait for it. The send runs with the
 * caller's transaction suspended: context propagation would otherwise carry that transaction to the Kafka callback's
 * thread, and a commit while the callback still holds it fails (ARJUNA012094, "Enlisted connection used without
 * active transaction"; quarkusio/quarkus#39100).
 */
@ApplicationScoped
public class AuditPublisher {
    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    private final MutinyEmitter<String> emitter;
    private final EventSigner signer;

    public AuditPublisher(@Channel(Topics.AUDIT_EVENTS) MutinyEmitter<String> emitter, EventSigner signer) {
        this.emitter = emitter;
        this.signer = signer;
    }

    public void publish(AuditEvent event) {
        QuarkusTransaction.suspendingExisting().run(() -> emitter.sendMessage(EventMessages.of(event, signer))
                .subscribe().with(
                        ignored -> LOG.debugf("audit event %s published", event.eventId()),
                        failure -> LOG.warnf("audit event %s not published: %s", event.eventId(),
                                failure.getClass().getSimpleName())));
    }
}
