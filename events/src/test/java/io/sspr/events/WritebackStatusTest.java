package io.sspr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.json.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WritebackStatusTest {
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private WritebackStatus status(String directoryServer, Instant notAfter, Instant lastSuccess) {
        return new WritebackStatus(UUID.randomUUID(), UUID.randomUUID(), now, SsprEvent.SCHEMA_VERSION, "worker-1",
                "worker-1", true, directoryServer != null, directoryServer, notAfter, lastSuccess,
                Map.of("SUCCEEDED", 12L, "FAILED", 1L), Duration.ofSeconds(5));
    }

    @Test
    void roundTripsAsJson() {
        WritebackStatus status = status("localhost:636", now.plus(90, ChronoUnit.DAYS), now.minusSeconds(30));
        String json = EventJson.write(status);

        assertEquals(status, EventJson.read(json, WritebackStatus.class));
        assertTrue(json.contains("\"heartbeatInterval\":\"PT5S\""), json);
        assertTrue(json.contains("\"SUCCEEDED\":12"), json);
        assertFalse(json.contains("cloudEventType"), json);
    }

    @Test
    void anUnreachableDirectoryHasNoServerCertificateOrSuccess() {
        WritebackStatus status = status(null, null, null);
        WritebackStatus read = EventJson.read(EventJson.write(status), WritebackStatus.class);

        assertEquals(status, read);
        assertFalse(read.directoryReachable());
        assertNull(read.directoryServer());
        assertNull(read.certificateNotAfter());
        assertNull(read.lastSuccessAt());
    }

    @Test
    void isKeyedByWorkerIdWithItsOwnType() {
        WritebackStatus status = status("localhost:636", null, null);

        assertEquals("worker-1", status.userKey());
        assertEquals("sspr.writeback.status.v1", status.cloudEventType());
    }

    @Test
    void theKeyMustBeTheWorkerIdAndTheIntervalIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new WritebackStatus(UUID.randomUUID(), UUID.randomUUID(),
                now, 1, "worker-2", "worker-1", true, true, null, null, null, Map.of(), Duration.ofSeconds(5)));
        assertThrows(NullPointerException.class, () -> new WritebackStatus(UUID.randomUUID(), UUID.randomUUID(),
                now, 1, "worker-1", "worker-1", true, true, null, null, null, Map.of(), null));
    }

    @Test
    void missingCountsAreEmptyAndCannotBeChangedAfterwards() {
        WritebackStatus status = new WritebackStatus(UUID.randomUUID(), UUID.randomUUID(), now, 1, "w", "w", false,
                false, null, null, null, null, Duration.ofSeconds(5));

        assertEquals(Map.of(), status.counts());
        assertThrows(UnsupportedOperationException.class, () -> status.counts().put("X", 1L));
    }
}
