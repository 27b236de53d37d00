package io.sspr.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A worker's heartbeat on the compacted topic sspr.writeback.status keyed by worker id: the portal refuses new
 * requests at once (HTTP 503) unless a recent heartbeat says writeback is enabled and the directory reachable, so a
 * request is never accepted and then lost. A heartbeat older than a few {@link #heartbeatInterval}s means the
 * worker is gone.
 *
 * @param userKey the worker id; the Kafka key, so compaction keeps each worker's newest heartbeat
 * @param directoryServer the DC the worker reaches (host:port), null when none is reachable
 * @param certificateNotAfter when the DC's TLS certificate expires, null when unknown
 * @param lastSuccessAt the last successful write-back, null before the first
 * @param counts totals since start by outcome (such as SUCCEEDED, FAILED), never per user
 * @param heartbeatInterval how often the worker publishes, so readers can tell when it has gone quiet; ISO-8601
 *        in JSON (PT5S) for readers in any language
 */
public record WritebackStatus(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        int schemaVersion,
        String userKey,
        String workerId,
        boolean writebackEnabled,
        boolean directoryReachable,
        String directoryServer,
        Instant certificateNotAfter,
        Instant lastSuccessAt,
        Map<String, Long> counts,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration heartbeatInterval) implements SsprEvent {

    public static final String TYPE = Topics.WRITEBACK_STATUS + ".v1";

    public WritebackStatus {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        requireNonNull(userKey, "userKey");
        requireNonNull(workerId, "workerId");
        requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (!userKey.equals(workerId)) {
            throw new IllegalArgumentException("userKey must be the workerId");
        }
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }
}
