package io.sspr.audit.persistence;

/** One entry of a record's additionalDetails, as Graph's keyValue. */
public record AuditDetail(String key, String value) {
    public static AuditDetail of(String key, String value) {
        return new AuditDetail(key, value);
    }
}
