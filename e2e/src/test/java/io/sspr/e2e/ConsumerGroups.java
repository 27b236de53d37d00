package io.sspr.e2e;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Consumer-group offsets the tests look at (to start a group at "now", see {@code ConsumerGroupStart}). */
final class ConsumerGroups {

    private ConsumerGroups() {
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
