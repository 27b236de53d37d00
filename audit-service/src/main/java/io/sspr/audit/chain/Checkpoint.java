package io.sspr.audit.chain;

import java.time.Instant;

/**
 * A signed statement of the chain head: the record numbered {@code sequence} has hash {@code hash}, as the audit
 * service saw it at {@code createdAt}. The signature is the audit service's own (its signing keyset, Tink) over
 * {@link #signedContent()}, base64.
 */
public record Checkpoint(long sequence, String hash, Instant createdAt, String signature) {
    static final String VERSION = "sspr-audit-checkpoint-v1";

    /**
     * What the signature covers: part("sspr-audit-checkpoint-v1") || int8(sequence) || part(hash bytes) ||
     * micros(createdAt), in {@link ChainHash}'s encoding. Its first part differs from the event signatures'
     * ("sspr-event-signature-v1"), so no signature of one kind is ever valid for the other.
     */
    public byte[] signedContent() {
        ChainHash.Encoder out = new ChainHash.Encoder();
        out.text(VERSION);
        out.int64(sequence);
        out.bytes(ChainHash.unhex(hash));
        out.micros(createdAt);
        return out.toByteArray();
    }
}
