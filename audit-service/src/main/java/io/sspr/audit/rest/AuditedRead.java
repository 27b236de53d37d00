package io.sspr.audit.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource (class or method) that reads audit records: {@link ReadAuditFilter} records every answer it gives, as
 * well as every 401 and 403 of any resource.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AuditedRead {
}
