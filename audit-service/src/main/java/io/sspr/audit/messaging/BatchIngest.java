package io.sspr.audit.messaging;

import io.smallrye.context.api.ManagedExecutorConfig;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.sspr.audit.service.AuditRecordService;
import io.sspr.events.SsprEvent;
import io.sspr.events.messaging.FailureRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What the three consumers share: the records of one poll are stored in one transaction, and the batch is
 * acknowledged (its offsets committed) only after that commit. A commit a record, each waiting for PostgreSQL's flush to
 * disk, capped ingest at about 600 records a second (audit-service/README.md, "Benchmark").
 *
 * <p>The failure rule holds for each record as it did one at a time. Each is verified through {@link FailureRule}:
 * a forged or malformed one is dead-lettered and audited, the others stored. When the batch cannot be stored as a
 * whole (a value PostgreSQL refuses, the database down), its records are stored one by one through the failure rule,
 * which dead-letters the one that can never be stored and waits out an outage record by record. A record is never
 * acknowledged alone: if the service stops before the batch is done, none of it is, and Kafka delivers it again
 * (redelivery is harmless: records are idempotent by eventId).
 *
 * <p>The signatures are verified on every core ({@link BatchVerification}) while the consumer's thread stores what is
 * verified, chunk by chunk, in the batch's one transaction.
 */
@ApplicationScoped
public class BatchIngest {
    private static final Logger LOG = Logger.getLogger(BatchIngest.class);

    private final AuditRecordService audit;
    private final FailureRule failureRule;
    private final ManagedExecutor verifiers;
    private final int processors = Runtime.getRuntime().availableProcessors();

    /** @param verifiers the verification workers: one per processor for each of the three channels at most */
    public BatchIngest(AuditRecordService audit, FailureRule failureRule,
            @ManagedExecutorConfig(maxAsync = 64) ManagedExecutor verifiers) {
        this.audit = audit;
        this.failureRule = failureRule;
        this.verifiers = verifiers;
    }

    /**
     * Blocking: call it from a {@code @Blocking} consumer.
     *
     * @return the batch's acknowledgement once every record is stored or dead-lettered; a stage that never completes
     *         when the service stops first, so no offset of the batch is committed
     */
    public <T extends SsprEvent> CompletionStage<Void> process(KafkaRecordBatch<String, String> batch, Class<T> type) {
        BatchVerification<T> verification = BatchVerification.start(batch.getRecords(), type, failureRule, verifiers,
                processors);
        try {
            audit.recordAll(verification.chunks());
            return batch.ack();
        } catch (BatchVerification.Unfinished e) {
            return e.answer();
        } catch (RuntimeException e) {
            // The type only, as the failure rule logs it: a message could quote a value of an event.
            LOG.infof("a batch of %d %s records could not be stored at once (%s): stored one by one",
                    batch.getRecords().size(), type.getSimpleName(), e.getClass().getSimpleName());
        }
        List<Message<String>> messages;
        List<T> events;
        try {
            messages = verification.messages();
            events = verification.events();
        } catch (BatchVerification.Unfinished e) {
            return e.answer();
        }
        for (int i = 0; i < events.size(); i++) {
            T event = events.get(i);
            CompletionStage<Void> stored = failureRule.process(messages.get(i), record -> audit.record(event));
            if (!stored.toCompletableFuture().isDone()) {
                return stored;
            }
        }
        return batch.ack();
    }
}
