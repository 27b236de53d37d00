package io.sspr.portal.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sspr.events.Violation;
import io.sspr.events.json.EventJson;
import io.sspr.portal.persistence.PasswordRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Body of {@code GET /api/v1/requests/{requestId}}. */
public record RequestStatusResponse(UUID requestId, String username, String operation, String status, String code,
        String message, List<Violation> violations, Instant createdAt, Instant updatedAt, Instant expiresAt) {

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };

    public static RequestStatusResponse from(PasswordRequest row) {
        return new RequestStatusResponse(row.requestId, row.username, row.operation.name(), row.status.name(),
                row.code.name(), row.message, violations(row.violations), row.createdAt, row.updatedAt, row.expiresAt);
    }

    private static List<Violation> violations(String json) {
        try {
            return EventJson.mapper().readValue(json, VIOLATIONS);
        } catch (IOException e) {
            throw new UncheckedIOException("stored violations are not readable", e);
        }
    }
}
