package io.sspr.events.testing;

import io.sspr.events.AuditEvent;
import io.sspr.events.PasswordResult;
import io.sspr.events.Producers;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.IncomingRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records as a service would send them (CloudEvents binary headers and its signature), for tests that act as a
 * producer: the test signs with that producer's key from the stack's secrets ({@code SSPR_SECRETS_DIR}, printed by
 * {@code deploy/local/stack env}), or with any key it makes up to play an attacker.
 */
public final class SignedRecords {
    private SignedRecords() {
    }

    /** The stack's secrets folder: one folder per key holder. */
    public static Path secretsDir() {
        Path dir = Path.of(RealParts.env("SSPR_SECRETS_DIR"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("SSPR_SECRETS_DIR " + dir + " is not a folder: " + RealParts.HINT);
        }
        return dir;
    }

    public static Path keysDirOf(String holder) {
        return Keysets.keysDir(secretsDir(), holder);
    }

    /** Signs as that producer, with its key from the stack. */
    public static EventSigner signerOf(String producer) {
        return ServiceKeys.signerOf(producer, keysDirOf(producer));
    }

    /** Seals for the worker's write, as the portal does. */
    public static SecretSealer writebackSealer() {
        return new SecretSealer(Keysets.readPublic(keysDirOf("reset-portal").resolve(KeyHolders.SEALING_PUBLIC)));
    }

    /** Seals for the validator's check, as the portal does. */
    public static SecretSealer validationSealer() {
        return new SecretSealer(Keysets.readPublic(
                keysDirOf("reset-portal").resolve(KeyHolders.VALIDATION_SEALING_PUBLIC)));
    }

    /**
     * Signed by the one who says it: a result by its reporter, an audit event by its logging service, anything else
     * by its only producer ({@link Producers}).
     */
    public static ProducerRecord<String, String> byItsProducer(String topic, SsprEvent event) {
        return record(topic, event, signerOf(producerOf(event)));
    }

    public static String producerOf(SsprEvent event) {
        if (event instanceof PasswordResult result) {
            return result.reportedBy();
        }
        if (event instanceof AuditEvent audit) {
            return audit.loggedByService();
        }
        return Producers.producersOf(event.getClass()).iterator().next();
    }

    public static ProducerRecord<String, String> record(String topic, SsprEvent event, EventSigner signer) {
        return record(topic, event.userKey(), EventJson.write(event), event, signer);
    }

    /** A record whose key and value may differ from the event's (to forge or tamper), with the event's headers. */
    public static ProducerRecord<String, String> record(String topic, String key, String value, SsprEvent event,
            EventSigner signer) {
        RecordHeaders headers = new RecordHeaders();
        headers(event, signer, key, value).forEach(headers::add);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /** The same record as it arrives, for unit tests of consumers and the verifier. */
    public static IncomingRecord incoming(String topic, SsprEvent event, EventSigner signer) {
        String value = EventJson.write(event);
        return new IncomingRecord(topic, 0, 0L, event.userKey(), value, headers(event, signer, event.userKey(), value));
    }

    /** A record read from Kafka, as a consumer's failure rule sees it. */
    public static IncomingRecord incoming(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), header.value()));
        return new IncomingRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                headers);
    }

    /** CloudEvents binary-mode headers as the connector writes them, and the signature over what is sent. */
    public static Map<String, byte[]> headers(SsprEvent event, EventSigner signer, String key, String value) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", utf8("1.0"));
        headers.put("ce_id", utf8(event.eventId().toString()));
        headers.put("ce_type", utf8(event.cloudEventType()));
        headers.put("ce_source", utf8(signer.source()));
        headers.put("ce_subject", utf8(event.correlationId().toString()));
        headers.put("ce_time", utf8(event.occurredAt().atOffset(ZoneOffset.UTC).toString()));
        headers.put("content-type", utf8("application/json"));
        headers.put(EventSigner.HEADER, signer.sign(event.cloudEventType(), event.eventId().toString(), key, value));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
