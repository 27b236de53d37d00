package io.sspr.audit.rest;

import io.sspr.audit.config.AuditConfig;
import io.sspr.audit.persistence.AuditQuery;
import io.sspr.audit.persistence.AuditQuery.Order;
import io.sspr.audit.persistence.AuditRecordFilter;
import io.sspr.audit.persistence.RecordPosition;
import io.sspr.events.AuditEvent.AuditResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the query parameters (text) into a query, or a 400 {@link InvalidRequestException} that says which parameter
 * is wrong and how; and back into the parameters of a link to the next page. The one place that knows them.
 */
@ApplicationScoped
public class AuditQueries {
    /** The longest text filter: user names, activities and categories are far shorter. */
    static final int MAX_TEXT = 256;
    /**
     * The instants a filter or a cursor may name: years 1 to 9999. PostgreSQL's timestamptz ends in 294276 AD, and an
     * instant beyond it (which java.time takes) would fail the query with a 500 instead of answering a 400.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final AuditConfig config;

    public AuditQueries(AuditConfig config) {
        this.config = config;
    }

    /** A page, newest first. */
    public AuditQuery page(AuditQueryParams parameters) {
        return new AuditQuery(filter(parameters), Order.NEWEST_FIRST, cursor(parameters.cursor),
                limit(parameters.limit));
    }

    /** Every matching record, newest first, or at most {@code limit} when one is given. */
    public AuditQuery export(AuditQueryParams parameters) {
        return new AuditQuery(filter(parameters), Order.NEWEST_FIRST, cursor(parameters.cursor),
                isBlank(parameters.limit) ? AuditQuery.UNLIMITED : limit(parameters.limit));
    }

    /** A page of one correlation id's records, oldest first. */
    public AuditQuery timeline(String correlationId, String limit, String cursor) {
        UUID id = correlationId(correlationId);
        if (id == null) {
            throw new InvalidRequestException("correlationId must be a UUID.");
        }
        return new AuditQuery(AuditRecordFilter.ofCorrelation(id), Order.OLDEST_FIRST, cursor(cursor), limit(limit));
    }

    public AuditRecordFilter filter(AuditQueryParams parameters) {
        Instant from = instant("from", parameters.from);
        Instant to = instant("to", parameters.to);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from must be before to.");
        }
        return new AuditRecordFilter(from, to, text("category", parameters.category),
                text("activity", parameters.activity), result(parameters.result),
                text("targetUser", parameters.targetUser), text("initiatedBy", parameters.initiatedBy),
                correlationId(parameters.correlationId));
    }

    /**
     * The parameters of a link to the page after {@code next} (or to the first page, when null): the filter as parsed,
     * the page size, and the cursor; in {@link AuditQueryParams#NAMES}' order, only what is set.
     */
    public static Map<String, String> linkParameters(AuditRecordFilter filter, Integer limit, RecordPosition next) {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "from", filter.from());
        put(parameters, "to", filter.to());
        put(parameters, "category", filter.category());
        put(parameters, "activity", filter.activity());
        put(parameters, "result", filter.result());
        put(parameters, "targetUser", filter.targetUser());
        put(parameters, "initiatedBy", filter.initiatedBy());
        put(parameters, "correlationId", filter.correlationId());
        put(parameters, "limit", limit);
        put(parameters, "cursor", next == null ? null : Cursors.encode(next));
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
    }

    private static Instant instant(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be an ISO-8601 instant with an offset, such as "
                    + "2026-01-31T00:00:00Z.");
        }
        if (!storable(instant)) {
            throw new InvalidRequestException(name + " must be between 0001-01-01T00:00:00Z and "
                    + "9999-12-31T23:59:59Z.");
        }
        return instant;
    }

    /** Whether a record's time can be this instant (see {@link #EARLIEST}). */
    static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
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

    private static RecordPosition cursor(String value) {
        return isBlank(value) ? null : Cursors.decode(value.trim());
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

    /** A name to match: control characters (NUL, which PostgreSQL cannot store in text, among them) match nothing. */
    private static String text(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        String text = value.trim();
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(name + " must not contain control characters.");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidRequestException(name + " must be at most " + MAX_TEXT + " characters.");
        }
        return text;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
