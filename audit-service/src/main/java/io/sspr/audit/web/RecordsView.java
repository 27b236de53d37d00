package io.sspr.audit.web;

import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.rest.AuditQueryParams;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The records page: the filters as the auditor gave them (to show them again in the form), the records of this page,
 * and the links to the next page and to the CSV of the whole query.
 *
 * @param nextLink null on the last page
 * @param csvLink null when the filters are not valid
 */
public record RecordsView(Filters filters, List<Row> rows, String nextLink, String csvLink, String firstLink,
        List<String> activities, List<String> categories, int maxLimit) {

    /** The form's values: from and to in the datetime-local form (UTC), the rest as given. */
    public record Filters(String from, String to, String category, String activity, String result, String targetUser,
            String initiatedBy, String correlationId, String limit) {

        static Filters of(AuditQueryParams given) {
            return new Filters(local(given.from), local(given.to), given.category, given.activity, given.result,
                    given.targetUser, given.initiatedBy, given.correlationId, given.limit);
        }

        /** An instant as the form's datetime-local field shows it (in UTC); what is not one is shown as given. */
        private static String local(String value) {
            try {
                return value == null ? null : LocalDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC).toString();
            } catch (java.time.format.DateTimeParseException e) {
                return value;
            }
        }
    }

    /** One record as the table shows it. */
    public record Row(String time, String activity, String result, String resultReason, String targetUser,
            String initiatedBy, String service, String correlationId, String correlationLink, String details) {

        static Row of(AuditRecord record, String correlationLink) {
            return new Row(record.activityDateTime.toString(), record.activityDisplayName, record.result,
                    record.resultReason, record.targetUpn, record.initiatedByUpn, record.loggedByService,
                    record.correlationId.toString(), correlationLink, details(record.additionalDetails));
        }

        private static String details(List<AuditDetail> details) {
            return details == null ? "" : details.stream().map(d -> d.key() + "=" + d.value())
                    .collect(Collectors.joining(", "));
        }
    }
}
