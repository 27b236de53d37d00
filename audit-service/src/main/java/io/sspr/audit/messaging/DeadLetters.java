package io.sspr.audit.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.sspr.events.json.MalformedEventException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Acks a processed record; nacks a malformed one, which the dead-letter-queue failure strategy sends to
 * {@code <topic>.dlq} with the reason in its headers, so one bad record never stops a consumer.
 */
final class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    static CompletionStage<Void> process(Message<String> message, Consumer<String> handler) {
        try {
            handler.accept(message.getPayload());
        } catch (MalformedEventException e) {
            // where it is and why, never what it says: the payload could hold a secret sent by mistake
            LOG.warnf("dead-lettering malformed record %s: %s", position(message), e.getMessage());
            return message.nack(e);
        }
        return message.ack();
    }

    private static String position(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getTopic() + "-" + kafka.getPartition() + "@" + kafka.getOffset())
                .orElse("(not from Kafka)");
    }
}
