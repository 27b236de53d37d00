package io.sspr.audit.chain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The chain export's format, written by the service and read by the offline verifier: one {@link ChainedRecord} per
 * line (JSON lines), times as ISO-8601 instants to the microsecond, hashes as hex. Its own mapper, so the export does
 * not change when the REST layer's JSON settings do.
 */
public final class ChainJson {
    public static final String MEDIA_TYPE = "application/x-ndjson";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ChainJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One export line, without its line break. */
    public static byte[] line(ChainedRecord record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chained record", e);
        }
    }

    /** The records of an export, read one line at a time. */
    public static Iterator<ChainedRecord> lines(BufferedReader reader) {
        return new Iterator<>() {
            private ChainedRecord next = read();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ChainedRecord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ChainedRecord current = next;
                next = read();
                return current;
            }

            private ChainedRecord read() {
                try {
                    String line;
                    do {
                        line = reader.readLine();
                    } while (line != null && line.isBlank());
                    return line == null ? null : MAPPER.readValue(line, ChainedRecord.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * additionalDetails as PostgreSQL stores them (jsonb text): each entry's "key" and "value" as the database's
     * {@code ->>} reads them, so the checking side hashes what the trigger hashed.
     */
    public static List<ChainedRecord.Detail> details(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            JsonNode entries = MAPPER.readTree(json);
            List<ChainedRecord.Detail> details = new ArrayList<>();
            for (JsonNode entry : entries) {
                details.add(new ChainedRecord.Detail(text(entry.get("key")), text(entry.get("value"))));
            }
            return details;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("additional_details is not JSON", e);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }
}
