package io.sspr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sspr.events.Topics;
import io.sspr.events.testing.KafkaTestClients;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code sspr.password.results} from now on, straight from the broker and without loading the portal, so a
 * drill knows when the first requests of its burst have finished. Keeps going (and catching up) across a broker
 * restart.
 */
final class ResultWatch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    /** correlationId → the statuses of the results published for it, in order. */
    private final Map<String, List<String>> results = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ResultWatch(RunningStack parts) {
        Properties config = new Properties();
        config.putAll(KafkaTestClients.adminProperties(parts.kafkaBootstrapServers()));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PASSWORD_RESULTS, Duration.ofSeconds(10))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes "now" before the burst starts
        thread = new Thread(this::follow, "result-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        note(record.value());
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // the broker is away (a drill may restart it): the consumer reconnects on the next poll
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void note(String value) {
        if (value == null) {
            return;
        }
        try {
            JsonNode result = JSON.readTree(value);
            String correlationId = result.path("correlationId").asText(null);
            if (correlationId != null) {
                results.computeIfAbsent(correlationId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(result.path("status").asText());
            }
        } catch (Exception e) {
            // not a result this watch can read: not one of the drill's
        }
    }

    /** How many of these requests have a result on the topic. */
    int finished(Collection<String> requestIds) {
        return (int) requestIds.stream().filter(results::containsKey).count();
    }

    /** How many of these requests have a SUCCEEDED result on the topic. */
    int succeeded(Collection<String> requestIds) {
        return (int) requestIds.stream().filter(id -> results.getOrDefault(id, List.of()).contains("SUCCEEDED"))
                .count();
    }

    /** How many results the topic holds for the request (one is right). */
    int resultsFor(String requestId) {
        return results.getOrDefault(requestId, List.of()).size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
