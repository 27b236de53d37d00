package io.sspr.worker.testing;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;

/** An outgoing channel that keeps what Kafka took, and refuses the next sends on demand (a publish that failed). */
public final class RecordingEmitter implements MutinyEmitter<String> {
    private final List<Message<? extends String>> sent = new ArrayList<>();
    private final List<String> attempted = new ArrayList<>();
    private int failures;

    public synchronized void failNext(int sends) {
        failures = sends;
    }

    /** What Kafka acknowledged. */
    public synchronized List<Message<? extends String>> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<String> sentPayloads() {
        return sent.stream().map(Message::getPayload).map(String::valueOf).toList();
    }

    /** Every payload sent, taken or not. */
    public synchronized List<String> attempted() {
        return List.copyOf(attempted);
    }

    @Override
    public synchronized <M extends Message<? extends String>> Uni<Void> sendMessage(M message) {
        attempted.add(message.getPayload());
        if (failures > 0) {
            failures--;
            return Uni.createFrom().failure(new IllegalStateException("injected: Kafka did not take it"));
        }
        sent.add(message);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> send(String payload) {
        return sendMessage(Message.of(payload));
    }

    @Override
    public void sendAndAwait(String payload) {
        send(payload).await().indefinitely();
    }

    @Override
    public Cancellable sendAndForget(String payload) {
        return send(payload).subscribe().with(done -> {
        });
    }

    @Override
    public <M extends Message<? extends String>> void send(M message) {
        sendMessage(message).await().indefinitely();
    }

    @Override
    public <M extends Message<? extends String>> void sendMessageAndAwait(M message) {
        sendMessage(message).await().indefinitely();
    }

    @Override
    public <M extends Message<? extends String>> Cancellable sendMessageAndForget(M message) {
        return sendMessage(message).subscribe().with(done -> {
        });
    }

    @Override
    public void complete() {
    }

    @Override
    public void error(Exception e) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }
}
