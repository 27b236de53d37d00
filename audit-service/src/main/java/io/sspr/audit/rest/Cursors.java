package io.sspr.audit.rest;

import io.sspr.audit.persistence.RecordPosition;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque cursor of a nextLink: the position of a page's last record (its activityDateTime to the nanosecond and
 * its id), base64url. It grants nothing: a forged one only moves where a page starts, within what the reader may read.
 */
final class Cursors {
    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + Long.BYTES + Integer.BYTES + 2 * Long.BYTES;

    private Cursors() {
    }

    static String encode(RecordPosition position) {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put(VERSION)
                .putLong(position.activityDateTime().getEpochSecond()).putInt(position.activityDateTime().getNano())
                .putLong(position.id().getMostSignificantBits()).putLong(position.id().getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws InvalidRequestException unless the text is a cursor this service makes */
    static RecordPosition decode(String text) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(text);
            if (raw.length == LENGTH && raw[0] == VERSION) {
                ByteBuffer bytes = ByteBuffer.wrap(raw, 1, LENGTH - 1);
                Instant time = Instant.ofEpochSecond(bytes.getLong(), bytes.getInt());
                if (AuditQueries.storable(time)) {
                    return new RecordPosition(time, new UUID(bytes.getLong(), bytes.getLong()));
                }
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            // answered below, like any other text that is not a cursor
        }
        throw new InvalidRequestException("cursor is not one this service gave out: follow nextLink, or start again "
                + "without a cursor.");
    }
}
