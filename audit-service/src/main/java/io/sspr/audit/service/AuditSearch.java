package io.sspr.audit.service;

import io.sspr.audit.persistence.AuditQuery;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.persistence.AuditRecordReader;
import io.sspr.audit.persistence.RecordPosition;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/** Answers the auditors' queries: a page of records and where the next one starts, or every record as it is read. */
@ApplicationScoped
public class AuditSearch {
    /**
     * @param next the position after which the next page starts, or null when this page is the last
     */
    public record Page(List<AuditRecord> records, RecordPosition next) {
    }

    private final AuditRecordReader reader;

    public AuditSearch(AuditRecordReader reader) {
        this.reader = reader;
    }

    /** One record more than the page is read: whether it exists says whether there is a next page. */
    public Page page(AuditQuery query) {
        List<AuditRecord> rows = reader.list(query.withLimit(query.limit() + 1));
        if (rows.size() <= query.limit()) {
            return new Page(rows, null);
        }
        List<AuditRecord> page = List.copyOf(rows.subList(0, query.limit()));
        return new Page(page, RecordPosition.of(page.get(page.size() - 1)));
    }

    /** Every record of the query, handed on while it is read; returns how many. */
    public long export(AuditQuery query, AuditRecordReader.RecordSink sink) throws IOException {
        return reader.stream(query, sink);
    }
}
