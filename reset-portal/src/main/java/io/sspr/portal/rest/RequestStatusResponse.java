package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.portal.service.PublicAnswers;

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

    /** The request as its owner may see it: answers that would tell who exists are the one public answer. */
    public static RequestStatusResponse from(PasswordRequest row) {
        ResultCode shown = PublicAnswers.of(row.operation, row.code);
        boolean masked = shown != row.code;
        List<Violation> violations = masked ? List.of() : violations(row.violations).stream()
                .filter(v -> PublicAnswers.of(row.operation, v.code()) == v.code()).toList();
        return new RequestStatusResponse(row.requestId, row.username, row.operation.name(), row.status.name(),
                shown.name(), masked ? shown.defaultMessage() : row.message, violations, row.createdAt, row.updatedAt,
                row.expiresAt);
    }

    private static List<Violation> violations(String json) {
        try {
            return EventJson.mapper().readValue(json, VIOLATIONS);
        } catch (IOException e) {
            throw new UncheckedIOException("stored violations are not readable", e);
        }
    }
}
