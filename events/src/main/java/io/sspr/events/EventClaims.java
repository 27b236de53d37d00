package io.sspr.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.UnprocessableEventException.Claims;
import java.util.UUID;

/**
 * What an event that will not be processed claims about itself (correlation id, user, operation or activity), read
 * leniently from its JSON fields, for the audit record of its refusal. Recorded as claims: nothing here is verified.
 */
public final class EventClaims {
    /** Longer values are not names by contract and are not carried into an audit record. */
    private static final int MAX_CLAIM_CHARS = 256;

    private EventClaims() {
    }

    /** Null when nothing can be read. */
    public static Claims of(String payload) {
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
        String username = name(text(json.path("username")));
        AuditActivity activity = activity(json.path("operation"));
        return new Claims(uuid(json.path("correlationId")), name(text(json.path("userKey"))),
                username != null ? username : name(text(json.path("targetUser"))),
                activity != null ? activity : claimedActivity(json.path("activity")));
    }

    private static String name(String value) {
        return value == null || value.isBlank() || value.length() > MAX_CLAIM_CHARS ? null : value;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static UUID uuid(JsonNode node) {
        try {
            return node.isTextual() ? UUID.fromString(node.asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An audit event names its activity itself. */
    private static AuditActivity claimedActivity(JsonNode node) {
        try {
            return node.isTextual() ? AuditActivity.valueOf(node.asText()) : null;
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
