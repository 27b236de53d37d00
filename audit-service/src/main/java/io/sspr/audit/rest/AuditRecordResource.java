package io.sspr.audit.rest;

import io.sspr.audit.config.AuditConfig;
import io.sspr.audit.persistence.AuditRecordFilter;
import io.sspr.audit.service.AuditRecordService;
import io.sspr.events.AuditEvent.AuditResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.UUID;

/** The auditors' view of the audit log. */
@Path("/api/v1/audit/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AuditRecordResource.AUDITOR)
public class AuditRecordResource {
    static final String AUDITOR = "auditor";

    private final AuditRecordService audit;
    private final AuditConfig config;

    public AuditRecordResource(AuditRecordService audit, AuditConfig config) {
        this.audit = audit;
        this.config = config;
    }

    /** Parameters arrive as text so that a malformed one is a 400 with a reason, not JAX-RS's bare 404. */
    @GET
    public AuditRecordPage find(@QueryParam("category") String category,
            @QueryParam("correlationId") String correlationId,
            @QueryParam("activity") String activity,
            @QueryParam("result") String result,
            @QueryParam("limit") String limit) {
        AuditRecordFilter filter = new AuditRecordFilter(text("category", category), correlationId(correlationId),
                text("activity", activity), result(result));
        return new AuditRecordPage(audit.find(filter, limit(limit)).stream().map(AuditRecordResponse::of).toList());
    }

    private static UUID correlationId(String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("correlationId must be a UUID.");
        }
    }

    private static String result(String value) {
        if (isBlank(value)) {
            return null;
        }
        return Arrays.stream(AuditResult.values()).map(Enum::name).filter(value.trim()::equals).findFirst()
                .orElseThrow(() -> new InvalidRequestException("result must be success, failure or timeout."));
    }

    private int limit(String value) {
        if (isBlank(value)) {
            return config.defaultLimit();
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= config.maxLimit()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new InvalidRequestException("limit must be a whole number from 1 to " + config.maxLimit() + ".");
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.trim();
    }

    /** A name to match: control characters (NUL, which PostgreSQL cannot store in text, among them) match nothing. */
    private static String text(String name, String value) {
        String text = blankToNull(value);
        if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(name + " must not contain control characters.");
        }
        return text;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
