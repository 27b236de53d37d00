package io.sspr.validator.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.events.PasswordPolicyPublished;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import io.sspr.validator.config.ValidatorConfig;
import io.sspr.validator.directory.EffectivePolicyReader;
import io.sspr.validator.policy.EffectivePolicy;
import io.sspr.validator.service.PolicyEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes the domain policy and each PSO to the compacted topic on start and whenever one changes (polled every
 * {@code sspr.validator.policy-publish-interval}), so the portal can guide people while they type without reaching
 * the directory.
 */
@ApplicationScoped
public class PolicyPublisher {
    private static final Logger LOG = Logger.getLogger(PolicyPublisher.class);

    private final EffectivePolicyReader policies;
    private final MutinyEmitter<String> emitter;
    private final EventSigner signer;
    private final Duration publishTimeout;
    private final Scheduler scheduler;
    private final Clock clock = Clock.systemUTC();
    /** What was last published per key; a policy is sent again only when it differs. */
    private final Map<String, PasswordPolicyPublished> published = new HashMap<>();

    public PolicyPublisher(EffectivePolicyReader policies,
            @Channel(Topics.DIRECTORY_POLICIES) MutinyEmitter<String> emitter, EventSigner signer,
            ValidatorConfig config, Scheduler scheduler) {
        this.policies = policies;
        this.emitter = emitter;
        this.signer = signer;
        this.publishTimeout = config.publishTimeout();
        this.scheduler = scheduler;
    }

    /**
     * The scheduler starts halted ({@code quarkus.scheduler.start-mode=halted}) because it would otherwise fire the
     * first poll while the application still wires its channels, before this bean's emitter can exist; it is resumed
     * here, once they are wired, so the first poll follows within a second.
     */
    void resumeOnStart(@Observes StartupEvent event) {
        scheduler.resume();
    }

    /**
     * One poll, the first as the application starts; blocking (LDAP, then Kafka's acknowledgement), so it runs on a
     * worker thread, and a poll that outlasts the interval is not overtaken by the next. A directory or Kafka failure is
     * logged and retried at the next poll.
     */
    @Scheduled(identity = "policy-publisher", every = "${sspr.validator.policy-publish-interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    synchronized void publishChanges() {
        try {
            List<EffectivePolicy> current = policies.allPolicies();
            for (EffectivePolicy policy : current) {
                PasswordPolicyPublished next = PolicyEvents.of(policy, clock.instant());
                if (!next.samePolicyAs(published.get(next.policyKey()))) {
                    emitter.sendMessage(EventMessages.of(next, signer)).await().atMost(publishTimeout);
                    published.put(next.policyKey(), next);
                    LOG.infof("published policy %s (min length %d)", next.policyKey(), next.minLength());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("policy publication failed, retrying at the next poll: %s", e.getMessage());
        }
    }
}
