package io.sspr.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A query's answer, Graph-style: the records under {@code value}, and under {@code nextLink} the relative URL of the
 * next page (the same query with an opaque cursor), absent on the last page.
 */
public record AuditRecordPage(
        List<AuditRecordResponse> value,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The next page's relative URL; absent on the last page.",
                example = "/api/v1/audit/events?result=failure&limit=100&cursor=AQAAAABp...")
        String nextLink) {
}
