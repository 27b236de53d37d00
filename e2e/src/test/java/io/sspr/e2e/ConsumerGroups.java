package io.sspr.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Consumer-group offsets, set by the tests so services start at "now" rather than at what earlier runs left. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Commits the current end of every partition of the topics for the group (which must have no members). */
    static void startAtEnd(RealParts parts, String group, List<String> topics) throws Exception {
        TopicRecords records = new TopicRecords(parts);
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (String topic : topics) {
            records.mark(topic).forEach((partition, end) -> start.put(partition, new OffsetAndMetadata(end)));
        }
        try (Admin admin = admin(parts)) {
            admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
        }
    }

    static long committedOffset(RealParts parts, String group, TopicPartition partition) throws Exception {
        try (Admin admin = admin(parts)) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    static void delete(RealParts parts, String group) throws Exception {
        try (Admin admin = admin(parts)) {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin(RealParts parts) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, parts.kafkaBootstrapServers());
        return Admin.create(config);
    }
}
