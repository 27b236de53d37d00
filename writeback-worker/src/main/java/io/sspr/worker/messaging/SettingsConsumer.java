package io.sspr.worker.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.worker.service.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the admin's settings ({@code sspr.settings}, compacted, read from the start by every instance) and hands
 * each record to {@link SettingsService} under the failure rule; emits nothing. The record, not an event, is handed
 * over: a tombstone removes the settings, and other keys on the topic belong to other services.
 */
@ApplicationScoped
public class SettingsConsumer {
    private final SettingsService settings;
    private final FailureRule failureRule;

    public SettingsConsumer(SettingsService settings, FailureRule failureRule) {
        this.settings = settings;
        this.failureRule = failureRule;
    }

    @Incoming(Topics.SETTINGS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return failureRule.process(message, settings::apply);
    }
}
