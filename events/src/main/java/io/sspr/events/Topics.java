package io.sspr.events;

import java.util.List;

/** The one place where topic names, partitions and compaction are defined. */
public final class Topics {
    public static final String PASSWORD_REQUESTED = "sspr.password.requested";
    public static final String PASSWORD_VALIDATED = "sspr.password.validated";
    public static final String PASSWORD_RESULTS = "sspr.password.results";
    public static final String AUDIT_EVENTS = "sspr.audit.events";
    public static final String WRITEBACK_STATUS = "sspr.writeback.status";
    public static final String DIRECTORY_USERS = "sspr.directory.users";
    public static final String SETTINGS = "sspr.settings";
    public static final String DIRECTORY_POLICIES = "sspr.directory.policies";

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** A topic as the local stack and the Kubernetes manifests create it. */
    public record TopicSpec(String name, int partitions, boolean compacted) {
    }

    /** Pipeline topics get several partitions (ordered per user key); state topics are compacted. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(PASSWORD_REQUESTED, 6, false),
            new TopicSpec(PASSWORD_VALIDATED, 6, false),
            new TopicSpec(PASSWORD_RESULTS, 6, false),
            new TopicSpec(AUDIT_EVENTS, 6, false),
            new TopicSpec(WRITEBACK_STATUS, 1, true),
            new TopicSpec(DIRECTORY_USERS, 6, true),
            new TopicSpec(SETTINGS, 1, true),
            new TopicSpec(DIRECTORY_POLICIES, 1, true));

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Every topic including its dead-letter twin, for tools that create or scan them all. */
    public static List<TopicSpec> allWithDeadLetters() {
        return ALL.stream()
                .flatMap(t -> java.util.stream.Stream.of(t, new TopicSpec(deadLetter(t.name()), 1, false)))
                .toList();
    }

    /** Prints "name partitions compacted" per line; deploy/local/stack creates the topics from it. */
    public static void main(String[] args) {
        allWithDeadLetters().forEach(t -> System.out.println(t.name() + " " + t.partitions() + " " + t.compacted()));
    }
}
