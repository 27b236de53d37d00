package io.sspr.worker.service;

import java.time.Duration;

/** Bounded exponential backoff: initial, doubled per attempt, never more than max. */
public record Backoff(int maxAttempts, Duration initial, Duration max) {

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The pause after failed attempt {@code attempt} (1-based). */
    public Duration after(int attempt) {
        long millis = initial.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
