package io.sspr.audit.service;

import io.sspr.audit.chain.ChainJson;
import io.sspr.audit.chain.ChainReport;
import io.sspr.audit.chain.ChainVerifier;
import io.sspr.audit.chain.ChainedRecord;
import io.sspr.audit.chain.Checkpoint;
import io.sspr.audit.chain.CheckpointSigner;
import io.sspr.audit.chain.CheckpointVerifier;
import io.sspr.audit.chain.UnknownAnchorException;
import io.sspr.audit.persistence.ChainStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The audit chain for auditors and for the jobs: verifies it, exports it, signs its head (checkpoints) and applies
 * retention. The chain itself is written by the database on every insert (V4__audit_chain.sql).
 */
@ApplicationScoped
public class ChainService {
    private final ChainStore store;
    private final CheckpointSigner signer;
    private final ChainVerifier verifier;

    public ChainService(ChainStore store, CheckpointSigner signer, CheckpointVerifier signatures) {
        this.store = store;
        this.signer = signer;
        this.verifier = new ChainVerifier(signatures);
    }

    /**
     * Walks the chain from {@code from} (0, or a checkpoint's sequence), or, when null, from where the kept records
     * start: the genesis, or the signed checkpoint retention cut at.
     *
     * @throws UnknownAnchorException when {@code from} is neither 0 nor a checkpoint whose signature verifies
     */
    public ChainReport verify(Long from) {
        return store.read(snapshot -> verifier.verify(snapshot.recordsAfter(from == null ? Long.MIN_VALUE : from),
                snapshot.checkpoints(), from, snapshot.head()));
    }

    /** Oldest first, from {@code from} (inclusive) on. */
    public List<Checkpoint> checkpoints(long from) {
        return store.checkpoints(from);
    }

    /** Checks the start before anything is written, so a bad one is a 400 and not a broken stream. */
    public void checkExportStart(long from) {
        if (from != 0 && !store.read(snapshot -> snapshot.hasCheckpoint(from))) {
            throw new UnknownAnchorException(from);
        }
    }

    /** Writes the records after {@code from} as JSON lines ({@link ChainJson}), from one snapshot. */
    public void export(long from, OutputStream out) {
        store.read(snapshot -> {
            Iterator<ChainedRecord> records = snapshot.recordsAfter(from);
            try {
                while (records.hasNext()) {
                    out.write(ChainJson.line(records.next()));
                    out.write('\n');
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** Signs the chain head unless it is signed already (or empty); the new checkpoint, if one was stored. */
    public Optional<Checkpoint> checkpoint() {
        Optional<ChainStore.Head> head = store.head().filter(h -> h.sequence() > 0);
        if (head.isEmpty() || store.latestCheckpoint().map(last -> last.sequence() >= head.get().sequence())
                .orElse(false)) {
            return Optional.empty();
        }
        Checkpoint checkpoint = signer.sign(head.get().sequence(), head.get().hash(), Instant.now());
        return store.insert(checkpoint) ? Optional.of(checkpoint) : Optional.empty();
    }

    /** Removes what was stored more than {@code retention} ago, through the newest checkpoint before that. */
    public ChainStore.Purge purge(Duration retention) {
        return store.purgeBefore(Instant.now().minus(retention));
    }
}
