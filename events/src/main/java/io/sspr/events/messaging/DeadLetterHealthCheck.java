package io.sspr.events.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Dead letters and waiting records in each service's health details. Always UP: a dead letter is handled, and a
 * record waiting on the database or the DC is not cured by a restart. {@code deploy/local/stack dlq} shows them all.
 */
@Liveness
@ApplicationScoped
public class DeadLetterHealthCheck implements HealthCheck {
    private final DeadLetterCounts counts;

    public DeadLetterHealthCheck(DeadLetterCounts counts) {
        this.counts = counts;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dead-letters").up();
        counts.deadLettered().forEach(response::withData);
        counts.retrying().forEach((topic, failure) -> response.withData("retrying " + topic, failure));
        return response.build();
    }
}
