package io.sspr.audit.rest;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of a search, as text: {@link AuditQueries} parses them, so that a malformed one is a 400 with
 * a reason rather than JAX-RS's bare 404. The API and the auditors' page take the same.
 */
public class AuditQueryParams {
    /** Every parameter, in the order links and audit records list them. */
    public static final List<String> NAMES = List.of("from", "to", "category", "activity", "result", "targetUser",
            "initiatedBy", "correlationId", "limit", "cursor");

    @QueryParam("from")
    @Parameter(description = "Records at or after this instant (ISO-8601 with an offset, such as "
            + "2026-01-31T00:00:00Z).", example = "2026-01-31T00:00:00Z")
    public String from;

    @QueryParam("to")
    @Parameter(description = "Records before this instant (ISO-8601 with an offset); after from.",
            example = "2026-02-01T00:00:00Z")
    public String to;

    @QueryParam("category")
    @Parameter(description = "The category, exactly.", example = "Self-service Password Management")
    public String category;

    @QueryParam("activity")
    @Parameter(description = "The activityDisplayName, exactly.", example = "Reset password (self-service)")
    public String activity;

    @QueryParam("result")
    @Parameter(description = "success, failure or timeout.", example = "failure")
    public String result;

    @QueryParam("targetUser")
    @Parameter(description = "The user the record is about (targetResources' userPrincipalName), in any case.",
            example = "jdoe@example.test")
    public String targetUser;

    @QueryParam("initiatedBy")
    @Parameter(description = "Who started what the record records (initiatedBy's userPrincipalName), in any case.",
            example = "helpdesk@example.test")
    public String initiatedBy;

    @QueryParam("correlationId")
    @Parameter(description = "The operation's correlation id (a UUID).")
    public String correlationId;

    @QueryParam("limit")
    @Parameter(description = "Records per page, 1 to sspr.audit.max-limit (default sspr.audit.default-limit). For "
            + "text/csv, the most records to export; without it every matching record is exported.", example = "100")
    public String limit;

    @QueryParam("cursor")
    @Parameter(description = "Where the page starts: taken from the nextLink of the page before; opaque.")
    public String cursor;
}
