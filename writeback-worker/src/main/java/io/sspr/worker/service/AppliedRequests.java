package io.sspr.worker.service;

import io.sspr.events.PasswordResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.sspr.worker.config.WorkerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The results already produced, by correlation id, so a redelivered event (Kafka delivers at least once) is
 * answered with the same result instead of a second LDAP modify. Bounded and in memory for now: the oldest
 * entries are forgotten first, and a restart forgets all (a later issue makes this durable).
 */
@Singleton
public class AppliedRequests {
    private final Map<UUID, PasswordResult> results;

    @Inject
    AppliedRequests(WorkerConfig config) {
        this(config.rememberedRequests());
    }

    public AppliedRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.results = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, PasswordResult> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<PasswordResult> resultOf(UUID correlationId) {
        return Optional.ofNullable(results.get(correlationId));
    }

    public synchronized void remember(PasswordResult result) {
        results.putIfAbsent(result.correlationId(), result);
    }

    public synchronized int size() {
        return results.size();
    }
}
