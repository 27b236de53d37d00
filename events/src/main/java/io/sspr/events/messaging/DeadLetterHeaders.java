package io.sspr.events.messaging;

/**
 * Headers of a record on {@code <topic>.dlq}: why it is there and where it came from. The source record's own
 * headers (ce_id, ce_type ...) are kept beside these, so a replay sends the record back as it was.
 */
public final class DeadLetterHeaders {
    /** A {@link UnprocessableEventException.Reason} name. */
    public static final String REASON = "dead-letter-reason";
    /** The exception's message: which field or check, never the content. */
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** The service that dead-lettered it (a topic has several consumers). */
    public static final String SERVICE = "dead-letter-service";
    /** ISO-8601 instant. */
    public static final String AT = "dead-letter-at";

    private DeadLetterHeaders() {
    }

    /** Headers a replay leaves out: the record goes back without its dead-letter story. */
    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith("dead-letter-");
    }
}
