package io.sspr.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.DeadLetterHeaders;
import io.sspr.events.testing.PoisonRecords;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.TestConsumers;
import io.sspr.events.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The running worker's channel on test-only topics of the real broker (with the real PostgreSQL ledger): no record
 * stops it. Every poison record is dead-lettered as MALFORMED, a forged event as FORGED and audited, and the good
 * event after them gets its result.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ValidatedChannelTest {
    @Test
    void noPoisonRecordStopsTheChannelAndTheNextGoodEventIsAnswered() throws Exception {
        String prefix = "poison-" + UUID.randomUUID();
        EventSigner validator = SignedRecords.signerOf(Services.POLICY_VALIDATOR);
        PasswordValidated genuine = expired(prefix + "-forged");
        PasswordValidated forged = new PasswordValidated(genuine.eventId(), genuine.correlationId(),
                genuine.occurredAt(), genuine.expiresAt().plusSeconds(86_400), genuine.schemaVersion(),
                genuine.requestEventId(), genuine.operation(), genuine.userKey(), genuine.username(),
                genuine.userDn(), genuine.objectGuid(), genuine.sealedCurrentPassword(), genuine.sealedNewPassword(),
                genuine.mustChangeAtNextLogon());
        // Expired, so it is answered from the ledger alone: nothing reaches the DC.
        PasswordValidated good = expired(prefix + "-good");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(
                PoisonRecords.forTopic(LocalStackResource.VALIDATED, prefix));
        int poisons = records.size();
        // the later expiry under the genuine event's signature
        ProducerRecord<String, String> signed = SignedRecords.record(LocalStackResource.VALIDATED, genuine, validator);
        records.add(new ProducerRecord<>(signed.topic(), null, signed.key(),
                EventJson.write(forged).getBytes(StandardCharsets.UTF_8), signed.headers()));
        records.add(bytes(SignedRecords.record(LocalStackResource.VALIDATED, good, validator)));

        PoisonRecords.send(RealParts.kafkaBootstrapServers(), records);

        Map<String, String> reasons = new HashMap<>();
        List<ConsumerRecord<String, String>> results = new ArrayList<>();
        List<String> audits = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TestConsumers.fromStart(RealParts.kafkaBootstrapServers(),
                "writeback-worker-test-reader")) {
            consumer.subscribe(List.of(LocalStackResource.VALIDATED_DLQ, LocalStackResource.RESULTS,
                    LocalStackResource.AUDIT));
            await().atMost(TestKafka.RECORD_WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(LocalStackResource.VALIDATED_DLQ) && record.key() != null
                            && record.key().startsWith(prefix)) {
                        reasons.put(record.key(), TestKafka.header(record, DeadLetterHeaders.REASON));
                    } else if (record.topic().equals(LocalStackResource.RESULTS) && record.value() != null
                            && record.value().contains(good.correlationId().toString())) {
                        results.add(record);
                    } else if (record.topic().equals(LocalStackResource.AUDIT) && record.value() != null
                            && record.value().contains(forged.correlationId().toString())) {
                        audits.add(record.value());
                    }
                }
                return reasons.size() == poisons + 1 && !results.isEmpty() && !audits.isEmpty();
            });
        }

        // the poisons are unsigned, so refused before anything reads them; the forged one under a genuine signature
        assertEquals(poisons + 1, reasons.values().stream().filter("FORGED"::equals).count(), reasons.toString());
        assertEquals("FORGED", reasons.get(prefix + "-forged"));
        assertTrue(audits.get(0).contains("\"resultReason\":\"signature invalid\""), audits.get(0));
        // signed by the worker: the portal, which reads the results, verifies it
        PasswordResult result = ServiceKeys.verifierOf(Services.RESET_PORTAL, SignedRecords.keysDirOf(
                Services.RESET_PORTAL)).verify(SignedRecords.incoming(results.get(0)), PasswordResult.class);
        assertEquals(RequestStatus.EXPIRED, result.status());
    }

    private static PasswordValidated expired(String userKey) {
        Instant past = Instant.now().minusSeconds(600);
        return new PasswordValidated(UUID.randomUUID(), UUID.randomUUID(), past, past.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), Operation.RESET, userKey, userKey,
                "CN=" + userKey + ",CN=Users,DC=example,DC=test", null, null, "never-opened", false);
    }

    private static ProducerRecord<String, byte[]> bytes(ProducerRecord<String, String> record) {
        return new ProducerRecord<>(record.topic(), null, record.key(),
                record.value().getBytes(StandardCharsets.UTF_8), record.headers());
    }
}
