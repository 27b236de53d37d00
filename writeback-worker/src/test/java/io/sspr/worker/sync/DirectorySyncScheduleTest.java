package io.sspr.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Services;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.TestConsumers;
import io.sspr.events.testing.TestKafka;
import io.sspr.worker.LocalStackResource;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The running worker with its sync on, against the stack's DC (bound as the read-only account) and a test-only
 * topic: Quarkus' scheduler runs the first pass once the application has started, a full one, and what it publishes
 * on the channel verifies as the worker's, as the portal reads it.
 */
@QuarkusTest
@TestProfile(DirectorySyncScheduleTest.SyncOn.class)
@QuarkusTestResource(LocalStackResource.class)
class DirectorySyncScheduleTest {

    /** The %test profile with the sync on (its topic: sspr.test.writeback-worker.users). */
    public static class SyncOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sspr.worker.sync.enabled", "true");
        }
    }

    @Test
    void theFirstPassRunsAtStartAndItsProfilesVerifyAsTheWorkers() {
        // Records of earlier runs on the test topic are older than this JVM.
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        EventVerifier portal = ServiceKeys.verifierOf(Services.RESET_PORTAL,
                SignedRecords.keysDirOf(Services.RESET_PORTAL));
        try (KafkaConsumer<String, String> consumer = TestConsumers.fromStart(RealParts.kafkaBootstrapServers(),
                "writeback-worker-sync-reader")) {
            consumer.subscribe(List.of(LocalStackResource.USERS));

            ConsumerRecord<String, String> administrator = TestKafka.awaitRecord(consumer,
                    record -> record.value() != null && isAdministratorSince(record.value(), started));

            DirectoryUserPublished user = portal.verify(SignedRecords.incoming(administrator),
                    DirectoryUserPublished.class);
            assertEquals(user.userKey(), administrator.key(), "keyed by objectGUID");
            assertTrue(user.protectedAccount(), "adminCount=1 is protected");
        }
    }

    private static boolean isAdministratorSince(String json, Instant started) {
        DirectoryUserPublished user = EventJson.read(json, DirectoryUserPublished.class);
        return "Administrator".equals(user.accountName()) && !user.occurredAt().isBefore(started);
    }
}
