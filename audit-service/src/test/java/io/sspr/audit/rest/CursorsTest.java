package io.sspr.audit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.audit.persistence.RecordPosition;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    @Test
    void aCursorNamesItsPositionExactlyAndIsUrlSafe() {
        RecordPosition position = new RecordPosition(Instant.parse("2026-01-02T03:04:05.123456Z"),
                UUID.fromString("ffffffff-0000-4000-8000-000000000001"));
        String cursor = Cursors.encode(position);
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertEquals(position, Cursors.decode(cursor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "AQ", "AgAAAABpV_EFB1vKwP____8AAEAAgAAAAAAAAAE",
            "AQAAAABpV_EFB1vKwP____8AAEAAgAAAAAAAAAEA", "%00",
            // a well-formed cursor 31 million years ahead or ago: no record can be there, and PostgreSQL cannot
            // compare with it
            "AQADjX6kxoAAAAAAAAAAAAAAAAAAAAAAAAAAAAE", "Af_8coFbOYAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"})
    void anythingElseIsA400(String text) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> Cursors.decode(text));
        assertTrue(refused.getMessage().startsWith("cursor is not one this service gave out"));
    }
}
