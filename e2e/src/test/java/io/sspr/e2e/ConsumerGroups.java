package io.sspr.e2e;

import io.sspr.events.testing.KafkaTestClients;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Consumer-group offsets the tests look at (to start a group at "now", see {@code ConsumerGroupStart}). */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    static long committedOffset(RunningStack parts, String group, TopicPartition partition) throws Exception {
        try (Admin admin = admin(parts)) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    static void delete(RunningStack parts, String group) throws Exception {
        try (Admin admin = admin(parts)) {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The current end of every partition of these topics. */
    static Map<TopicPartition, Long> endOffsets(RunningStack parts, Collection<String> topics) throws Exception {
        try (Admin admin = admin(parts)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()
                    .forEach(topic -> topic.partitions().forEach(p -> latest
                            .put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
            return ends;
        }
    }

    /** How many records before these offsets the group has not committed yet (0: it has consumed all of them). */
    static long behind(RunningStack parts, String group, Map<TopicPartition, Long> offsets) throws Exception {
        return behindByPartition(parts, group, offsets).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The partitions where the group's committed offset is before these offsets, and by how many records. */
    static Map<TopicPartition, Long> behindByPartition(RunningStack parts, String group,
            Map<TopicPartition, Long> offsets) throws Exception {
        try (Admin admin = admin(parts)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> behind = new HashMap<>();
            offsets.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long missing = end - (done == null ? 0 : done.offset());
                if (missing > 0) {
                    behind.put(partition, missing);
                }
            });
            return behind;
        }
    }

    /** The groups among these that have members now. */
    static List<String> withMembers(RunningStack parts, Collection<String> groups) throws Exception {
        try (Admin admin = admin(parts)) {
            List<String> known = admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId).filter(groups::contains).toList();
            return admin.describeConsumerGroups(known).all().get(10, TimeUnit.SECONDS).values().stream()
                    .filter(d -> !d.members().isEmpty()).map(ConsumerGroupDescription::groupId).toList();
        }
    }

    /**
     * Takes every member out of these groups at once, as their session timeouts would after a while: for members
     * whose process is gone (killed), so that the next instances need not wait for that.
     */
    static void removeAllMembers(RunningStack parts, Collection<String> groups) throws Exception {
        try (Admin admin = admin(parts)) {
            for (String group : withMembers(parts, groups)) {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Admin admin(RunningStack parts) {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        return Admin.create(config);
    }
}
