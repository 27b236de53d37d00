package io.sspr.e2e;

import io.sspr.events.Operation;
import io.sspr.events.PasswordValidated;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.events.testing.ConsumerGroupStart;
import io.sspr.events.testing.SignedRecords;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Feeds a lone worker process as the validator would: signed {@code validated} events with sealed passwords, read
 * by the worker in a consumer group of its own that starts at the topic's current end.
 */
final class WorkerFeed implements AutoCloseable {
    static final String WORKER = "writeback-worker";

    private final RunningStack parts;
    private final String group = "sspr-writeback-worker-e2e-" + UUID.randomUUID();
    private final String workerId = "e2e-" + UUID.randomUUID();
    private final EventSigner signer;
    private final SecretSealer sealer;

    WorkerFeed(RunningStack parts) throws Exception {
        this.parts = parts;
        signer = SignedRecords.signerOf(Services.POLICY_VALIDATOR);
        sealer = SignedRecords.writebackSealer();
        ConsumerGroupStart.atEnd(parts.kafkaBootstrapServers(), group, List.of(Topics.PASSWORD_VALIDATED));
    }

    /** The worker's settings (system properties) for this feed's consumer group. */
    Map<String, String> workerSettings(boolean haltAfterWrite) {
        String channel = "mp.messaging.incoming.\"" + Topics.PASSWORD_VALIDATED + "\".";
        return Map.of(channel + "group.id", group,
                // a stopped member must leave the group quickly so a restarted one gets its partitions
                channel + "session.timeout.ms", "6000",
                channel + "heartbeat.interval.ms", "1000",
                "sspr.worker.id", workerId,
                "sspr.worker.halt-after-write-for-testing", Boolean.toString(haltAfterWrite));
    }

    String workerId() {
        return workerId;
    }

    /** An admin reset of the account to {@code password}, as the validator accepts it. */
    PasswordValidated adminReset(TestDirectory.TestUser user, String password) {
        UUID correlationId = UUID.randomUUID();
        String userKey = user.samAccountName().toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        String sealed = sealer.seal(Secret.of(password), new SealingContext(correlationId, userKey,
                Operation.ADMIN_RESET, SealingContext.Field.NEW_PASSWORD));
        return new PasswordValidated(UUID.randomUUID(), correlationId, now, now.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), Operation.ADMIN_RESET, userKey, user.samAccountName(),
                user.dn(), null, null, sealed, false);
    }

    /** Its record as the validator sends it: signed with the validator's key. */
    ProducerRecord<String, String> signed(PasswordValidated event) {
        return SignedRecords.record(Topics.PASSWORD_VALIDATED, event, signer);
    }

    /**
     * Takes the stopped worker's consumer out of the group at once, as the fault drills do, so the restarted worker
     * need not wait for its session to time out, and its partitions move once.
     */
    void forgetStoppedWorker() throws Exception {
        ConsumerGroups.removeAllMembers(parts, List.of(group));
    }

    long committedOffset(TopicPartition partition) throws Exception {
        return ConsumerGroups.committedOffset(parts, group, partition);
    }

    @Override
    public void close() throws Exception {
        ConsumerGroups.delete(parts, group);
    }
}
