package io.sspr.audit.persistence;

/**
 * One query of the audit records: the filter, the order, where to go on from (the last record of the page before,
 * or null for the first page) and how many records at most ({@link #UNLIMITED} for an export).
 */
public record AuditQuery(AuditRecordFilter filter, Order order, RecordPosition after, int limit) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** Both orders are by (activityDateTime, id): the id breaks ties, so a position is one place. */
    public enum Order {
        NEWEST_FIRST,
        OLDEST_FIRST
    }

    public AuditQuery withLimit(int next) {
        return new AuditQuery(filter, order, after, next);
    }
}
