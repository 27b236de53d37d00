package io.sspr.events.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException.Reason;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.events.testing.SignedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every record carries its producer's signature; a consumer believes only the producer allowed to say it. */
class SigningTest {
    private static final Map<String, KeysetHandle> KEYS = new HashMap<>();
    private static final EventSigner PORTAL = signer(Services.RESET_PORTAL);
    private static final EventSigner VALIDATOR = signer(Services.POLICY_VALIDATOR);
    private static final EventSigner WORKER = signer(Services.WRITEBACK_WORKER);
    /** What the audit service trusts: every producer. */
    private static final EventVerifier AUDIT = verifier(Services.RESET_PORTAL, Services.POLICY_VALIDATOR,
            Services.WRITEBACK_WORKER);
    private static final EventVerifier WORKER_VERIFIER = verifier(Services.POLICY_VALIDATOR);

    private static EventSigner signer(String service) {
        KeysetHandle keyset = Keysets.newSigningKeyset();
        KEYS.put(service, keyset);
        return new EventSigner(service, keyset);
    }

    private static EventVerifier verifier(String... producers) {
        Map<String, KeysetHandle> trusted = new HashMap<>();
        for (String producer : producers) {
            trusted.put(producer, Keysets.publicPart(KEYS.get(producer)));
        }
        return new EventVerifier(trusted);
    }

    private static PasswordRequested request() {
        Instant now = Instant.now();
        return new PasswordRequested(UUID.randomUUID(), UUID.randomUUID(), now, now.plus(PasswordRequested.DEFAULT_TTL),
                1, Operation.CHANGE, "alice", "alice", "c2VhbGVk", "c2VhbGVkMg==", "c2VhbGVkMw==", "alice", false, null,
                null);
    }

    private static PasswordValidated validated() {
        PasswordRequested request = request();
        return PasswordValidated.of(request, "CN=Alice,CN=Users,DC=example,DC=test", null, request.occurredAt(),
                request.expiresAt());
    }

    private static IncomingRecord incoming(SsprEvent event, EventSigner signer) {
        return SignedRecords.incoming(Topics.PASSWORD_VALIDATED, event, signer);
    }

    private static Reason refusal(EventVerifier verifier, IncomingRecord record, Class<? extends SsprEvent> type) {
        return assertThrows(UnprocessableEventException.class, () -> verifier.verify(record, type)).reason();
    }

    private static IncomingRecord withHeader(IncomingRecord record, String name, String value) {
        Map<String, byte[]> headers = new HashMap<>(record.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value.getBytes(StandardCharsets.UTF_8));
        }
        return new IncomingRecord(record.topic(), 0, 0L, record.key(), record.payload(), headers);
    }

    @Test
    void aRecordSignedByItsProducerVerifies() {
        PasswordValidated event = validated();
        assertEquals(event, WORKER_VERIFIER.verify(incoming(event, VALIDATOR), PasswordValidated.class));
    }

    @Test
    void anUnsignedRecordIsForged() {
        IncomingRecord record = withHeader(incoming(validated(), VALIDATOR), EventSigner.HEADER, null);
        assertEquals(Reason.FORGED, refusal(WORKER_VERIFIER, record, PasswordValidated.class));
    }

    @Test
    void anyChangeToWhatWasSignedIsForged() {
        PasswordValidated event = validated();
        IncomingRecord signed = incoming(event, VALIDATOR);
        PasswordValidated otherDn = new PasswordValidated(event.eventId(), event.correlationId(), event.occurredAt(),
                event.expiresAt(), 1, event.requestEventId(), event.operation(), event.userKey(), event.username(),
                "CN=Administrator,CN=Users,DC=example,DC=test", null, event.sealedCurrentPassword(),
                event.sealedNewPassword(), false);
        List<IncomingRecord> tampered = List.of(
                new IncomingRecord(signed.topic(), 0, 0L, signed.key(), EventJson.write(otherDn), signed.headers()),
                new IncomingRecord(signed.topic(), 0, 0L, "bob", signed.payload(), signed.headers()),
                withHeader(signed, "ce_id", UUID.randomUUID().toString()),
                withHeader(signed, "ce_type", PasswordRequested.TYPE),
                withHeader(signed, "ce_source", Services.source(Services.WRITEBACK_WORKER)));
        for (IncomingRecord record : tampered) {
            assertEquals(Reason.FORGED, refusal(WORKER_VERIFIER, record, PasswordValidated.class));
        }
    }

    @Test
    void aSignatureByAnUnknownKeyIsForged() {
        EventSigner stranger = new EventSigner(Services.POLICY_VALIDATOR, Keysets.newSigningKeyset());
        assertEquals(Reason.FORGED, refusal(WORKER_VERIFIER, incoming(validated(), stranger), PasswordValidated.class));
    }

    @Test
    void eachEventTypeIsAcceptedOnlyFromItsProducer() {
        // The portal's own key, valid in itself, cannot make a validated request.
        EventVerifier trustsBoth = verifier(Services.RESET_PORTAL, Services.POLICY_VALIDATOR);
        assertEquals(Reason.FORGED, refusal(trustsBoth, incoming(validated(), PORTAL), PasswordValidated.class));
        // Nor can the validator report a password written, or the worker a policy refusal.
        PasswordResult written = PasswordResult.succeeded(UUID.randomUUID(), Operation.CHANGE, "alice", "alice",
                Services.POLICY_VALIDATOR, Instant.now());
        assertEquals(Reason.FORGED, refusal(AUDIT, incoming(written, VALIDATOR), PasswordResult.class));
        PasswordResult byWorker = PasswordResult.succeeded(UUID.randomUUID(), Operation.CHANGE, "alice", "alice",
                Services.WRITEBACK_WORKER, Instant.now());
        assertEquals(byWorker, AUDIT.verify(incoming(byWorker, WORKER), PasswordResult.class));
        // A result must name its signer as its reporter.
        PasswordResult misnamed = PasswordResult.succeeded(UUID.randomUUID(), Operation.CHANGE, "alice", "alice",
                Services.POLICY_VALIDATOR, Instant.now());
        assertEquals(Reason.FORGED, refusal(AUDIT, incoming(misnamed, WORKER), PasswordResult.class));
    }

    @Test
    void anAuditEventNamesItsSigner() {
        AuditEvent claimed = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 1, "alice",
                AuditActivity.FLOW_ACTIVITY_PROGRESS, AuditEvent.AuditResult.success, null, "alice", "alice",
                Services.WRITEBACK_WORKER, Map.of());
        assertEquals(Reason.FORGED, refusal(AUDIT, incoming(claimed, PORTAL), AuditEvent.class));
        assertEquals(claimed, AUDIT.verify(incoming(claimed, WORKER), AuditEvent.class));
    }

    @Test
    void aSignedValueThatIsNotTheEventIsMalformed() {
        PasswordValidated event = validated();
        String value = "{\"not\":\"an event\"}";
        IncomingRecord record = new IncomingRecord(Topics.PASSWORD_VALIDATED, 0, 0L, event.userKey(), value,
                SignedRecords.headers(event, VALIDATOR, event.userKey(), value));
        assertEquals(Reason.MALFORMED, refusal(WORKER_VERIFIER, record, PasswordValidated.class));
    }

    @Test
    void refusalsNeverEchoTheValue() {
        IncomingRecord record = withHeader(incoming(validated(), VALIDATOR), EventSigner.HEADER, "AAAA");
        UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                () -> WORKER_VERIFIER.verify(record, PasswordValidated.class));
        assertTrue(!refused.getMessage().contains("c2VhbGVk"), refused.getMessage());
    }
}
