package io.sspr.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The chain's canonical encoding, version 1, and its SHA-256, as audit-service/README.md ("Canonical encoding")
 * specifies it: the checking side of what the database's trigger computes on insert (chain_hash in
 * V4__audit_chain.sql; a change is a new version, in both). Each text is length-prefixed UTF-8 and a null differs from
 * an empty text, so no two records encode alike.
 */
public final class ChainHash {
    static final String VERSION = "sspr-audit-chain-v1";
    /** SHA-256: 32 bytes, 64 hex digits. */
    public static final int LENGTH = 32;
    /** The previous hash of the first record. */
    public static final String GENESIS = hex(new byte[LENGTH]);

    private ChainHash() {
    }

    /** The hash a record must carry at {@code sequence}, after the record whose hash is {@code previousHash}. */
    public static String of(long sequence, String previousHash, ChainedRecord record) {
        Encoder out = new Encoder();
        out.text(VERSION);
        out.int64(sequence);
        out.bytes(previousHash == null ? null : unhex(previousHash));
        out.text(record.id() == null ? null : record.id().toString());
        out.text(record.category());
        out.text(record.correlationId() == null ? null : record.correlationId().toString());
        out.micros(record.activityDateTime());
        out.text(record.activityDisplayName());
        out.text(record.loggedByService());
        out.text(record.operationType());
        out.text(record.result());
        out.text(record.resultReason());
        out.text(record.initiatedByUpn());
        out.text(record.targetUserKey());
        out.text(record.targetUpn());
        out.int32(record.additionalDetails().size());
        for (ChainedRecord.Detail detail : record.additionalDetails()) {
            out.text(detail.key());
            out.text(detail.value());
        }
        out.micros(record.recordedAt());
        return hex(sha256(out.toByteArray()));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** @throws IllegalArgumentException when the text is not hex */
    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Microseconds since the epoch: PostgreSQL's timestamptz precision. */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The parts of the encoding; the checkpoint signature's content is written with it too. */
    static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        void text(String text) {
            bytes(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }

        /** Length-prefixed; a null is the length -1 alone. */
        void bytes(byte[] bytes) {
            if (bytes == null) {
                int32(-1);
                return;
            }
            int32(bytes.length);
            out.writeBytes(bytes);
        }

        void int32(int value) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
        }

        void int64(long value) {
            out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        }

        /** A missing time (the columns are not null, so only a damaged export has one) encodes as -1 alone. */
        void micros(Instant instant) {
            if (instant == null) {
                int32(-1);
                return;
            }
            int64(ChainHash.micros(instant));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
