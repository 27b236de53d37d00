package io.sspr.worker.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.sspr.events.AuditActivity;
import io.sspr.events.Operation;
import io.sspr.events.PasswordValidated;
import io.sspr.events.json.EventJson;
import io.sspr.events.json.MalformedEventException;
import io.sspr.events.messaging.UnprocessableEventException;
import java.util.UUID;

/**
 * A validated event the worker will never apply: malformed, unsigned or badly signed. The failure rule dead-letters
 * and audits it; the audit record names what the event claims (correlation id, user, operation), recorded as a
 * claim. Its message names the reason and never echoes the payload.
 */
public class RefusedEventException extends UnprocessableEventException {
    /** Longer values are not names by contract and are not carried into an audit record. */
    private static final int MAX_CLAIM_CHARS = 256;

    private RefusedEventException(Reason reason, String detail, Claims claims) {
        super(reason, "validated event refused: " + detail, claims);
    }

    /** What could be read of a payload that is not a valid event, from its JSON fields where they have one. */
    public static RefusedEventException malformed(MalformedEventException cause, String payload) {
        return new RefusedEventException(Reason.MALFORMED, cause.getMessage(), claimsOf(payload));
    }

    public static RefusedEventException forged(PasswordValidated event, String detail) {
        return new RefusedEventException(Reason.FORGED, detail, new Claims(event.correlationId(),
                name(event.userKey()), name(event.username()), event.operation().activity()));
    }

    private static Claims claimsOf(String payload) {
        if (payload == null || payload.isBlank() || payload.length() > EventJson.MAX_PAYLOAD_CHARS) {
            return null;
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(payload);
        } catch (Exception e) {
            return null;
        }
        if (json == null || !json.isObject()) {
            return null;
        }
        return new Claims(uuid(json.path("correlationId")), name(text(json.path("userKey"))),
                name(text(json.path("username"))), activity(json.path("operation")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String name(String value) {
        return value == null || value.isBlank() || value.length() > MAX_CLAIM_CHARS ? null : value;
    }

    private static UUID uuid(JsonNode node) {
        try {
            return node.isTextual() ? UUID.fromString(node.asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static AuditActivity activity(JsonNode node) {
        try {
            return node.isTextual() ? Operation.valueOf(node.asText()).activity() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
