package io.sspr.events;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The one terminal result of a request, from the validator (REJECTED, FAILED) or the worker. */
public record PasswordResult(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        int schemaVersion,
        Operation operation,
        String userKey,
        String username,
        RequestStatus status,
        ResultCode code,
        String message,
        List<Violation> violations,
        String reportedBy) implements SsprEvent {

    public static final String TYPE = Topics.PASSWORD_RESULTS + ".v1";

    public PasswordResult {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        requireNonNull(operation, "operation");
        requireNonNull(userKey, "userKey");
        requireNonNull(status, "status");
        requireNonNull(code, "code");
        requireNonNull(reportedBy, "reportedBy");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("a result must be terminal, not " + status);
        }
        message = message == null ? code.defaultMessage() : message;
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** A refusal or failure, with the first violation's code and message as the headline. */
    public static PasswordResult unsuccessful(UUID correlationId, Operation operation, String userKey,
            String username, RequestStatus status, List<Violation> violations, String reportedBy, Instant now) {
        if (status == RequestStatus.SUCCEEDED || violations.isEmpty()) {
            throw new IllegalArgumentException("an unsuccessful result needs a failed status and a reason");
        }
        Violation headline = violations.get(0);
        return new PasswordResult(eventIdFor(correlationId), correlationId, now, SCHEMA_VERSION, operation, userKey, username,
                status, headline.code(), headline.message(), violations, reportedBy);
    }

    public static PasswordResult succeeded(UUID correlationId, Operation operation, String userKey, String username,
            String reportedBy, Instant now) {
        return new PasswordResult(eventIdFor(correlationId), correlationId, now, SCHEMA_VERSION, operation, userKey,
                username, RequestStatus.SUCCEEDED,
                successCode(operation), null, List.of(), reportedBy);
    }

    private static ResultCode successCode(Operation operation) {
        return switch (operation) {
            case UNLOCK -> ResultCode.ACCOUNT_UNLOCKED;
            case VERIFY_PASSWORD -> ResultCode.CURRENT_PASSWORD_CONFIRMED;
            case CHANGE, RESET, ADMIN_RESET -> ResultCode.PASSWORD_CHANGED;
        };
    }

    /**
     * A request has one result, so its id follows from the request: a result sent again (a retried publish, a
     * redelivered request, a second worker's recovery) is the same event, and the audit keeps one row of it.
     */
    public static UUID eventIdFor(UUID correlationId) {
        return UUID.nameUUIDFromBytes((TYPE + ":" + correlationId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }
}
