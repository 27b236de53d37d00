package io.sspr.audit.rest;

import java.util.List;

/** A query's answer, Graph-style: the records under {@code value}. */
public record AuditRecordPage(List<AuditRecordResponse> value) {
}
