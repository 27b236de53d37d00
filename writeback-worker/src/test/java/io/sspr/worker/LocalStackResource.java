package io.sspr.worker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sspr.events.testing.ConsumerGroupStart;
import io.sspr.events.testing.KafkaTestClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Before Quarkus starts: fails with the stack hint when the real parts are not configured, creates the test-only
 * topics the %test profile maps the channels to (the broker does not auto-create), and starts the test's consumer
 * group at their end, so earlier runs' records are not read again.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String HINT = "run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"` first";
    public static final String VALIDATED = "sspr.test.writeback-worker.validated";
    public static final String VALIDATED_DLQ = VALIDATED + ".dlq";
    public static final String RESULTS = "sspr.test.writeback-worker.results";
    /** Where the failure rule audits dead letters in these tests (sspr.messaging.audit-topic). */
    public static final String AUDIT = "sspr.test.writeback-worker.audit";
    private static final String GROUP = "sspr-writeback-worker-test";

    @Override
    public Map<String, String> start() {
        for (String name : List.of("LDAP_URL", "LDAP_CA_FILE", "LDAP_WRITEBACK_DN", "LDAP_WRITEBACK_PASSWORD",
                "POSTGRES_JDBC_URL", "SSPR_SECRETS_DIR", "KAFKA_BOOTSTRAP_SERVERS",
                // the worker runs as its own role; Flyway migrates as the schema's owner
                "POSTGRES_WORKER_USER", "POSTGRES_WORKER_PASSWORD", "POSTGRES_WORKER_OWNER_USER",
                "POSTGRES_WORKER_OWNER_PASSWORD")) {
            env(name);
        }
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(env("KAFKA_BOOTSTRAP_SERVERS")))) {
            for (String topic : List.of(VALIDATED, VALIDATED_DLQ, RESULTS, AUDIT, "sspr.test.writeback-worker.status",
                    "sspr.test.writeback-worker.users")) {
                create(admin, topic);
            }
        }
        ConsumerGroupStart.atEnd(env("KAFKA_BOOTSTRAP_SERVERS"), GROUP, List.of(VALIDATED));
        return Map.of();
    }

    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: " + HINT);
        }
        return value;
    }

    private static void create(Admin admin, String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic + ": " + HINT, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }
}
