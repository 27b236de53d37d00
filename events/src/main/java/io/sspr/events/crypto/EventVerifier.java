package io.sspr.events.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import io.sspr.events.EventClaims;
import io.sspr.events.Producers;
import io.sspr.events.SsprEvent;
import io.sspr.events.json.MalformedEventException;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException.Reason;
import io.sspr.events.messaging.UnprocessableEventException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The only way a consumer reads an event: the record must be signed by a producer this service trusts
 * ({@code trusted/<producer>.json}), with the signature over its type, source, id, key and value as they arrived, and
 * that producer must be allowed to say what the event says ({@link Producers}). Anything else is FORGED, or
 * MALFORMED when a correctly signed value is not the event; the failure rule dead-letters and audits it.
 */
public final class EventVerifier {
    private final Map<String, PublicKeyVerify> trusted;

    /** @param trustedKeysets public signing keysets by producer name */
    public EventVerifier(Map<String, KeysetHandle> trustedKeysets) {
        this.trusted = Map.copyOf(trustedKeysets.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, entry -> primitive(entry.getKey(), entry.getValue()))));
    }

    /** @return the event, once its signer and content are proven */
    public <T extends SsprEvent> T verify(IncomingRecord record, Class<T> type) {
        String producer = verifiedProducer(record, type);
        if (record.payload() == null) {
            throw refused(Reason.MALFORMED, record, "record has no value");
        }
        T event;
        try {
            event = record.readUnverified(type);
        } catch (MalformedEventException e) {
            throw new UnprocessableEventException(Reason.MALFORMED, e.getMessage(), EventClaims.of(record.payload()));
        }
        if (!event.eventId().toString().equals(record.header("ce_id").orElse(null))) {
            throw refused(Reason.FORGED, record, "event id differs from the signed ce_id");
        }
        if (!Objects.equals(event.userKey(), record.key())) {
            throw refused(Reason.FORGED, record, "user key differs from the signed record key");
        }
        Optional<String> refusal = Producers.refusal(producer, event);
        if (refusal.isPresent()) {
            throw refused(Reason.FORGED, record, refusal.get());
        }
        return event;
    }

    /** A tombstone of a compacted topic: deleting state is as much a statement as setting it. */
    public String verifyTombstone(IncomingRecord record, Class<? extends SsprEvent> type) {
        if (record.payload() != null) {
            throw refused(Reason.MALFORMED, record, "not a tombstone");
        }
        return verifiedProducer(record, type);
    }

    private String verifiedProducer(IncomingRecord record, Class<? extends SsprEvent> eventClass) {
        String expectedType = Producers.typeOf(eventClass);
        String source = record.header("ce_source").orElse(null);
        if (source == null || !source.startsWith(SsprEvent.SOURCE_PREFIX)) {
            throw refused(Reason.FORGED, record, "record names no producer (ce_source)");
        }
        String producer = source.substring(SsprEvent.SOURCE_PREFIX.length());
        byte[] signature = record.headers().get(EventSigner.HEADER);
        if (signature == null || signature.length == 0) {
            throw refused(Reason.FORGED, record, "record is not signed");
        }
        PublicKeyVerify verify = trusted.get(producer);
        if (verify == null) {
            throw refused(Reason.FORGED, record, "signed by a producer this service does not trust");
        }
        String type = record.header("ce_type").orElse(null);
        byte[] value = record.payload() == null ? null : record.payload().getBytes(StandardCharsets.UTF_8);
        byte[] content = new SignedContent(type, source, record.header("ce_id").orElse(null), record.key(), value)
                .toBytes();
        try {
            verify.verify(Base64.getDecoder().decode(signature), content);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refused(Reason.FORGED, record, "signature does not verify");
        }
        if (!expectedType.equals(type)) {
            throw refused(Reason.FORGED, record, "event type not accepted here");
        }
        if (!Producers.producersOf(eventClass).contains(producer)) {
            throw refused(Reason.FORGED, record, producer + " may not produce " + expectedType);
        }
        return producer;
    }

    private static UnprocessableEventException refused(Reason reason, IncomingRecord record, String detail) {
        return new UnprocessableEventException(reason, "event refused: " + detail, EventClaims.of(record.payload()));
    }

    private static PublicKeyVerify primitive(String producer, KeysetHandle keyset) {
        Optional<PublicKeyVerify> fast = FastEd25519Verify.of(keyset);
        if (fast.isPresent()) {
            return fast.get();
        }
        try {
            return keyset.getPrimitive(Keysets.CONFIG, PublicKeyVerify.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the trusted keyset of " + producer + " is not a public signature keyset",
                    e);
        }
    }
}
