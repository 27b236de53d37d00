package io.sspr.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client settings of a SASL/SCRAM-SHA-512 principal, written once for the stack's tools and the tests (the
 * services set the same three keys in their application.properties from {@code KAFKA_USERNAME}/{@code KAFKA_PASSWORD}).
 */
public final class KafkaSecurity {
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    private KafkaSecurity() {
    }

    /** {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} for one principal. */
    public static Map<String, String> scram(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a Kafka principal needs a user name and a password");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", SECURITY_PROTOCOL);
        settings.put("sasl.mechanism", TopicAccess.SASL_MECHANISM);
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username="
                + jaasQuoted(username) + " password=" + jaasQuoted(password) + ";");
        return settings;
    }

    /**
     * The admin principal's settings from {@code KAFKA_ADMIN_USERNAME} and {@code KAFKA_ADMIN_PASSWORD} (what
     * {@code deploy/local/stack env} prints).
     *
     * @throws IllegalStateException naming the missing variable
     */
    public static Map<String, String> adminFromEnvironment() {
        String mechanism = System.getenv("KAFKA_SASL_MECHANISM");
        if (mechanism != null && !mechanism.isBlank() && !mechanism.equals(TopicAccess.SASL_MECHANISM)) {
            throw new IllegalStateException("KAFKA_SASL_MECHANISM is " + mechanism + "; the broker accepts only "
                    + TopicAccess.SASL_MECHANISM);
        }
        return scram(required("KAFKA_ADMIN_USERNAME"), required("KAFKA_ADMIN_PASSWORD"));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: eval \"$(deploy/local/stack env)\" first");
        }
        return value;
    }

    /** A JAAS option value in double quotes; the JAAS parser has no escape for a quote or a backslash. */
    private static String jaasQuoted(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a Kafka user name or password must not contain '\"', '\\' or a line break");
        }
        return '"' + value + '"';
    }
}
