package io.sspr.events.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a signature covers: the record's event type, producer, event id and key, and its value exactly as it travels
 * (no re-serialisation, so nothing is lost or reordered between signing and checking). Each part is length-prefixed,
 * so no two records encode alike.
 */
record SignedContent(String type, String source, String id, String key, byte[] value) {
    private static final String VERSION = "sspr-event-signature-v1";

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (value == null ? 0 : value.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            part(out, VERSION.getBytes(StandardCharsets.UTF_8));
            part(out, utf8(type));
            part(out, utf8(source));
            part(out, utf8(id));
            part(out, utf8(key));
            part(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A missing part (-1) differs from an empty one (0). */
    private static void part(DataOutputStream out, byte[] part) throws IOException {
        if (part == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(part.length);
        out.write(part);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
