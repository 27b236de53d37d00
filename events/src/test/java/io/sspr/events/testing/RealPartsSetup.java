package io.sspr.events.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code @QuarkusTest}'s resource does before the application starts: fails with how to start the real parts
 * when their variables are missing, creates the test-only topics the %test profile maps the channels to, and starts
 * the test's consumer group at the end of its topics, so it reads what the test sends and not what earlier runs
 * left. Each module's resource (a {@code QuarkusTestResourceLifecycleManager} in its own test sources, since Quarkus
 * must load that class from the module) names its {@link Needs} and calls {@link #prepare}.
 */
public final class RealPartsSetup {

    private RealPartsSetup() {
    }

    /**
     * What one module's tests need.
     *
     * @param variables of {@code deploy/local/stack env} that must be set
     * @param topics test-only topics to create
     * @param group the tests' consumer group
     * @param groupTopics where that group starts at the end
     * @param settings configuration for the application under test (such as channels moved into the group)
     */
    public record Needs(List<String> variables, List<String> topics, String group, List<String> groupTopics,
            Map<String, String> settings) {
        /** The channels named after these topics consume in the group. */
        public static Needs channelsInGroup(List<String> variables, String group, List<String> topics) {
            Map<String, String> settings = new HashMap<>();
            topics.forEach(topic -> settings.put("mp.messaging.incoming.\"" + topic + "\".group.id", group));
            return new Needs(variables, List.of(), group, topics, settings);
        }
    }

    /** Checks, creates and positions what the tests need; returns the settings for the application under test. */
    public static Map<String, String> prepare(Needs needs) {
        RealParts.require(needs.variables());
        RealParts.require("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_ADMIN_USERNAME", "KAFKA_ADMIN_PASSWORD",
                "SSPR_SECRETS_DIR");
        TestKafka.createTopics(needs.topics());
        if (!needs.groupTopics().isEmpty()) {
            ConsumerGroupStart.atEnd(RealParts.kafkaBootstrapServers(), needs.group(), needs.groupTopics());
        }
        return needs.settings();
    }
}
