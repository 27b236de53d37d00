package io.sspr.events.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sspr.events.SsprEvent;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * JSON payloads of events. Errors name the field and position but never echo the input, which could hold
 * a secret somebody sent by mistake.
 */
public final class EventJson {
    /** Larger payloads are refused before parsing; real events are a few KB. */
    public static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    public static byte[] writeBytes(Object event) {
        return write(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads an event and checks its schema version. */
    public static <T extends SsprEvent> T read(String json, Class<T> type) {
        String name = type.getSimpleName();
        if (json == null || json.isBlank()) {
            throw new MalformedEventException(name + " event is empty");
        }
        if (json.length() > MAX_PAYLOAD_CHARS) {
            throw new MalformedEventException(name + " event is larger than " + MAX_PAYLOAD_CHARS + " characters");
        }
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JsonParseException e) {
            throw new MalformedEventException(name + " event is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (JsonMappingException e) {
            throw new MalformedEventException(name + " event has a missing or invalid field '" + path(e) + "'"
                    + rootCause(e));
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(name + " event cannot be read");
        }
        if (event == null) {
            throw new MalformedEventException(name + " event is null");
        }
        if (event.schemaVersion() != SsprEvent.SCHEMA_VERSION) {
            throw new MalformedEventException(name + " event has unsupported schemaVersion " + event.schemaVersion()
                    + " (this service reads " + SsprEvent.SCHEMA_VERSION + ")");
        }
        return event;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** Our own constructors' messages name a field ("userKey"); Jackson's may quote the input, so drop those. */
    private static String rootCause(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof NullPointerException || cause instanceof IllegalArgumentException) {
            return ": " + cause.getMessage() + (cause instanceof NullPointerException ? " is required" : "");
        }
        return "";
    }
}
