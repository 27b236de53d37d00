package io.sspr.audit.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.sspr.events.PasswordResult;
import io.sspr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code sspr.password.results} and stores one audit record per event; emits nothing. */
@ApplicationScoped
public class PasswordResultConsumer {
    private final BatchIngest ingest;

    public PasswordResultConsumer(BatchIngest ingest) {
        this.ingest = ingest;
    }

    /**
     * Blocking: storing is a JDBC transaction. A poll's records are stored in one transaction and acknowledged
     * together once stored; a malformed or refused event is dead-lettered, a database outage waited out (FailureRule,
     * through BatchIngest).
     */
    @Incoming(Topics.PASSWORD_RESULTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return ingest.process(batch, PasswordResult.class);
    }
}
