package io.sspr.events.messaging;

import io.sspr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What this instance dead-lettered since it started, and which topics are waiting on a transient failure. */
@ApplicationScoped
public class DeadLetterCounts {
    private final Map<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, String> retrying = new ConcurrentHashMap<>();

    void deadLettered(String topic, String reason) {
        deadLettered.computeIfAbsent(Topics.deadLetter(topic) + " " + reason, key -> new AtomicLong()).incrementAndGet();
    }

    void retrying(String topic, String failure) {
        retrying.put(topic, failure);
    }

    void recovered(String topic) {
        retrying.remove(topic);
    }

    /** "topic.dlq REASON" → count, sorted. */
    public Map<String, Long> deadLettered() {
        Map<String, Long> snapshot = new TreeMap<>();
        deadLettered.forEach((key, count) -> snapshot.put(key, count.get()));
        return snapshot;
    }

    /** Topic → the failure its current record waits on. */
    public Map<String, String> retrying() {
        return new TreeMap<>(retrying);
    }
}
