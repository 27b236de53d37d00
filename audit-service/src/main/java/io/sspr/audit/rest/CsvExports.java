package io.sspr.audit.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sspr.audit.persistence.AuditQuery;
import io.sspr.audit.service.AuditSearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A query's records as a CSV download, for the API and the auditors' page: read through a database cursor while they
 * are written out (the server sends them in chunks as its buffer fills), never held in memory.
 */
@ApplicationScoped
public class CsvExports {
    private final AuditSearch search;
    private final ObjectMapper json;

    public CsvExports(AuditSearch search, ObjectMapper json) {
        this.search = search;
        this.json = json;
    }

    public Response csv(AuditQuery query) {
        StreamingOutput body = out -> {
            try (AuditRecordCsv csv = AuditRecordCsv.start(out, json)) {
                search.export(query, csv::write);
            }
        };
        return Response.ok(body, AuditRecordCsv.CONTENT_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-records.csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
