package io.sspr.audit.rest;

import io.smallrye.common.annotation.Blocking;
import io.sspr.audit.persistence.AuditQuery;
import io.sspr.audit.persistence.AuditRecordFilter;
import io.sspr.audit.service.AuditSearch;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The auditors' view of the audit log; every answer, and every refusal, is itself audited ({@link AuditedRead}). */
@Path(AuditRecordResource.EVENTS)
@RolesAllowed(AuditorTokens.ROLE)
@AuditedRead
@Blocking
@Tag(name = "Audit records", description = "Graph directoryAudit-like records of every password operation")
@SecurityScheme(securitySchemeName = AuditRecordResource.TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "The organisation's RS256 token: issuer mp.jwt.verify.issuer, audience "
                + "mp.jwt.verify.audiences, issued within mp.jwt.verify.token.age seconds, group auditor.")
@SecurityRequirement(name = AuditRecordResource.TOKEN)
@APIResponse(responseCode = "400", description = "A malformed parameter; the message says which and why.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = ErrorResponse.class)))
@APIResponse(responseCode = "401", description = "No token, or one that does not verify, is for another audience, "
        + "expired or too old.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = ErrorResponse.class)))
@APIResponse(responseCode = "403", description = "The token does not carry the auditor group.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = ErrorResponse.class)))
public class AuditRecordResource {
    public static final String EVENTS = "/api/v1/audit/events";
    static final String TOKEN = "auditorToken";

    private final AuditSearch search;
    private final AuditQueries queries;
    private final CsvExports exports;

    public AuditRecordResource(AuditSearch search, AuditQueries queries, CsvExports exports) {
        this.search = search;
        this.queries = queries;
        this.exports = exports;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, AuditRecordCsv.MEDIA_TYPE})
    @Operation(summary = "Search the audit records",
            description = "Newest first (activityDateTime, then id, descending). With Accept: application/json, a page "
                    + "of at most limit records and the nextLink of the next page: keyset pages, so records that "
                    + "arrive meanwhile neither repeat nor hide one. With Accept: text/csv, the same query as an RFC "
                    + "4180 CSV streamed from the database: every matching record (or at most limit), formula-like "
                    + "cells prefixed with a single quote.")
    @APIResponse(responseCode = "200", description = "The records", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditRecordPage.class)),
            @Content(mediaType = AuditRecordCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "id,activityDateTime,category,activityDisplayName,operationType,result,"
                            + "resultReason,loggedByService,correlationId,initiatedBy,targetUser,additionalDetails"))})
    public Response find(@BeanParam AuditQueryParams parameters, @Context HttpHeaders headers) {
        if (wantsCsv(headers)) {
            return exports.csv(queries.export(parameters));
        }
        AuditQuery query = queries.page(parameters);
        AuditSearch.Page page = search.page(query);
        String next = page.next() == null ? null : QueryLinks.of(EVENTS,
                AuditQueries.linkParameters(query.filter(), query.limit(), page.next()));
        return Response.ok(new AuditRecordPage(page.records().stream().map(AuditRecordResponse::of).toList(), next),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{correlationId}/timeline")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The timeline of one operation",
            description = "Every record of one correlation id, oldest first, paged like the search.")
    @APIResponse(responseCode = "200", description = "The records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditRecordPage.class)))
    public AuditRecordPage timeline(
            @PathParam("correlationId") @Parameter(description = "The operation's correlation id (a UUID).")
            String correlationId,
            @QueryParam("limit") @Parameter(description = "Records per page, 1 to sspr.audit.max-limit.") String limit,
            @QueryParam("cursor") @Parameter(description = "From the nextLink of the page before.") String cursor) {
        AuditQuery query = queries.timeline(correlationId, limit, cursor);
        AuditSearch.Page page = search.page(query);
        String next = page.next() == null ? null : QueryLinks.of(EVENTS + "/" + query.filter().correlationId()
                + "/timeline", AuditQueries.linkParameters(AuditRecordFilter.NONE, query.limit(), page.next()));
        return new AuditRecordPage(page.records().stream().map(AuditRecordResponse::of).toList(), next);
    }

    /** CSV only when the client prefers it to JSON: a browser's or curl's * / * gets JSON. */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (type.isCompatible(MediaType.valueOf(AuditRecordCsv.MEDIA_TYPE)) && !type.isWildcardSubtype()) {
                return true;
            }
        }
        return false;
    }
}
