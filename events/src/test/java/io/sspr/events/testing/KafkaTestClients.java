package io.sspr.events.testing;

import io.sspr.events.KafkaSecurity;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings every test's Kafka client starts from: the broker accepts only SASL/SCRAM-SHA-512, and tests connect as
 * the admin principal that {@code deploy/local/stack env} prints ({@code KAFKA_ADMIN_USERNAME},
 * {@code KAFKA_ADMIN_PASSWORD}). A test about one service's own rights uses {@link #principalProperties}.
 */
public final class KafkaTestClients {

    private KafkaTestClients() {
    }

    /** {@code bootstrap.servers} and the admin principal's SASL settings; a mutable map, to add a client's own. */
    public static Map<String, Object> adminProperties(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalStateException("KAFKA_BOOTSTRAP_SERVERS is not set: " + RealParts.HINT);
        }
        Map<String, String> admin;
        try {
            admin = KafkaSecurity.adminFromEnvironment();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (" + RealParts.HINT + ")", e);
        }
        Map<String, Object> settings = new HashMap<>(admin);
        settings.put("bootstrap.servers", bootstrapServers);
        return settings;
    }

    /** {@link #adminProperties(String)} with a client's own settings added. */
    public static Map<String, Object> adminProperties(String bootstrapServers, Map<String, ?> clientSettings) {
        Map<String, Object> settings = adminProperties(bootstrapServers);
        settings.putAll(clientSettings);
        return settings;
    }

    /** {@code bootstrap.servers} and one principal's SASL settings; a mutable map. */
    public static Map<String, Object> principalProperties(String bootstrapServers, String username, String password) {
        Map<String, Object> settings = new HashMap<>(KafkaSecurity.scram(username, password));
        settings.put("bootstrap.servers", bootstrapServers);
        return settings;
    }
}
