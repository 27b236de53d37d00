package io.sspr.audit.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.sspr.events.SsprEvent;
import io.sspr.events.messaging.FailureRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The signatures of one batch, each record through the failure rule (a forged or malformed one is dead-lettered
 * there), verified in chunks of {@value #CHUNK} by one worker per processor, each taking the next chunk in order.
 * Verifying an Ed25519 signature (Tink, in Java) is about three quarters of what a record costs the service: so the
 * workers use every core, and the consumer's thread stores a chunk (PostgreSQL working) while the next ones are
 * verified. Each worker writes only the indexes of its chunk; a chunk's completion publishes them.
 */
final class BatchVerification<T extends SsprEvent> {
    static final int CHUNK = 50;
    /** A record's own acknowledgement: nothing, the batch's commits its offset. */
    private static final Supplier<CompletionStage<Void>> WITH_THE_BATCH = () -> CompletableFuture.completedFuture(null);

    private final List<KafkaRecord<String, String>> records;
    private final Class<T> type;
    private final FailureRule failureRule;
    private final Message<String>[] messages;
    private final CompletionStage<?>[] answers;
    private final Object[] events;
    private final List<CompletableFuture<Void>> chunks = new ArrayList<>();
    private final AtomicInteger nextChunk = new AtomicInteger();

    @SuppressWarnings("unchecked")
    private BatchVerification(List<KafkaRecord<String, String>> records, Class<T> type, FailureRule failureRule) {
        this.records = records;
        this.type = type;
        this.failureRule = failureRule;
        this.messages = new Message[records.size()];
        this.answers = new CompletionStage<?>[records.size()];
        this.events = new Object[records.size()];
        for (int from = 0; from < records.size(); from += CHUNK) {
            chunks.add(new CompletableFuture<>());
        }
    }

    static <T extends SsprEvent> BatchVerification<T> start(List<KafkaRecord<String, String>> records, Class<T> type,
            FailureRule failureRule, ManagedExecutor workers, int processors) {
        BatchVerification<T> verification = new BatchVerification<>(records, type, failureRule);
        for (int worker = 0; worker < Math.min(processors, verification.chunks.size()); worker++) {
            workers.execute(verification::work);
        }
        return verification;
    }

    /** Takes the next chunk until none is left; a failure ends only its chunk (the failure rule throws nothing else). */
    private void work() {
        for (int chunk = nextChunk.getAndIncrement(); chunk < chunks.size(); chunk = nextChunk.getAndIncrement()) {
            try {
                for (int i = chunk * CHUNK; i < Math.min(records.size(), (chunk + 1) * CHUNK); i++) {
                    int index = i;
                    Message<String> message = records.get(i).withAck(WITH_THE_BATCH);
                    messages[i] = message;
                    answers[i] = failureRule.process(message, type, event -> events[index] = event);
                }
                chunks.get(chunk).complete(null);
            } catch (RuntimeException | Error e) {
                chunks.get(chunk).completeExceptionally(e);
            }
        }
    }

    /**
     * The verified events chunk by chunk, each once it is verified (the dead-lettered ones left out).
     *
     * @throws Unfinished from {@code next()} when a record's failure rule has not answered: the service is stopping
     */
    Iterator<List<T>> chunks() {
        return new Iterator<>() {
            private int chunk;

            @Override
            public boolean hasNext() {
                return chunk < chunks.size();
            }

            @Override
            public List<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = chunk * CHUNK;
                awaitChunk(chunk++);
                return verified(from, Math.min(records.size(), from + CHUNK));
            }
        };
    }

    /** Every verified record's message (acknowledged with the batch) and event, in order, once all are verified. */
    List<Message<String>> messages() {
        awaitAll();
        List<Message<String>> verified = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (events[i] != null) {
                verified.add(messages[i]);
            }
        }
        return verified;
    }

    List<T> events() {
        awaitAll();
        return verified(0, records.size());
    }

    private void awaitAll() {
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            awaitChunk(chunk);
        }
    }

    private void awaitChunk(int chunk) {
        chunks.get(chunk).join();
        for (int i = chunk * CHUNK; i < Math.min(records.size(), (chunk + 1) * CHUNK); i++) {
            if (!answers[i].toCompletableFuture().isDone()) {
                throw new Unfinished(answers[i]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<T> verified(int from, int to) {
        return Arrays.stream(events, from, to).filter(event -> event != null).map(event -> (T) event).toList();
    }

    /** A record the failure rule still holds (it answers at once but when the service stops while one waits). */
    static final class Unfinished extends RuntimeException {
        private final transient CompletionStage<?> answer;

        Unfinished(CompletionStage<?> answer) {
            super("a record waits for the service to stop", null, false, false);
            this.answer = answer;
        }

        @SuppressWarnings("unchecked")
        CompletionStage<Void> answer() {
            return (CompletionStage<Void>) answer;
        }
    }
}
