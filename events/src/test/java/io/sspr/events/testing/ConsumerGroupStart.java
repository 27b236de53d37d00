package io.sspr.events.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tests share the local stack's broker with earlier runs and with the benchmark, which leaves tens of thousands of
 * records: a test's consumer group starts at "now", so it reads what the test sends, not that backlog.
 */
public final class ConsumerGroupStart {

    private ConsumerGroupStart() {
    }

    /** Commits the current end of every partition of the topics for the group (which must have no members). */
    public static void atEnd(String bootstrapServers, String group, Collection<String> topics) {
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, end) -> start.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not start consumer group " + group + " at the end of " + topics
                    + " on " + bootstrapServers + " (" + e + "): " + RealParts.HINT
                    + ", and stop services that use the group", e);
        }
    }
}
