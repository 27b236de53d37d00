package io.sspr.portal.messaging;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.Topics;
import io.sspr.events.messaging.FailureRule;
import io.sspr.portal.service.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the administrator's settings ({@code sspr.settings}, compacted, read whole by every instance). The record,
 * not an event, is handed over: a tombstone removes the settings.
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
