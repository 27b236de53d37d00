package io.sspr.portal.rest;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.WritebackStatus;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What the portal's writeback status is made of, published as their real producers sign them: a worker's heartbeat
 * (as the writeback worker) and the admin's settings (as the admin). Tests change them and put them back.
 */
public final class WritebackFacts {
    public static final String WORKER_ID = "test-worker";
    /** Long enough that the heartbeat stays fresh for the whole test run. */
    public static final Duration LONG_INTERVAL = Duration.ofHours(1);

    private WritebackFacts() {
    }

    /** Writeback Active: a worker with its switch on reaching a DC, and the admin's defaults. */
    public static void reset() {
        heartbeat(true, true, LONG_INTERVAL);
        settings(Values.DEFAULTS);
    }

    public static void heartbeat(boolean workerSwitchOn, boolean directoryReachable, Duration interval) {
        heartbeat(WORKER_ID, workerSwitchOn, directoryReachable, interval);
    }

    public static void heartbeat(String workerId, boolean workerSwitchOn, boolean directoryReachable,
            Duration interval) {
        publish(PortalRealParts.STATUS, status(workerId, workerSwitchOn, directoryReachable, interval),
                Services.WRITEBACK_WORKER);
    }

    /** What a worker that stops sends: a tombstone of its heartbeat, signed as the worker. */
    public static void stopped(String workerId) {
        try {
            TestKafka.send(SignedRecords.record(PortalRealParts.STATUS, workerId, null,
                    status(workerId, true, true, LONG_INTERVAL), SignedRecords.signerOf(Services.WRITEBACK_WORKER)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + PortalRealParts.STATUS, e);
        }
    }

    private static WritebackStatus status(String workerId, boolean workerSwitchOn, boolean directoryReachable,
            Duration interval) {
        return new WritebackStatus(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), SsprEvent.SCHEMA_VERSION,
                workerId, workerId, workerSwitchOn, directoryReachable, directoryReachable ? "dc.test:636" : null, null,
                null, Map.of(), interval);
    }

    public static void settings(Values values) {
        publish(PortalRealParts.SETTINGS, SelfServiceSettings.of(values, "test-admin", Instant.now()), Services.ADMIN);
    }

    private static void publish(String topic, SsprEvent event, String producer) {
        try {
            TestKafka.produce(topic, event, producer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic + " (is Kafka up? deploy/local/stack parts)",
                    e);
        }
    }
}
