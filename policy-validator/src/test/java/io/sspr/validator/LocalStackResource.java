package io.sspr.validator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sspr.events.testing.KafkaTestClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Before Quarkus starts: fails with the stack hint when the real parts are not configured, and creates the
 * test-only topics (the broker does not auto-create) that the %test profile maps the channels to.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String REQUESTED = "sspr.test.policy-validator.requested";
    public static final String REQUESTED_DLQ = REQUESTED + ".dlq";
    public static final String VALIDATED = "sspr.test.policy-validator.validated";
    public static final String RESULTS = "sspr.test.policy-validator.results";
    public static final String POLICIES = "sspr.test.policy-validator.policies";
    public static final String SETTINGS = "sspr.test.policy-validator.settings";
    /** Where the failure rule audits dead letters in these tests (sspr.messaging.audit-topic). */
    public static final String AUDIT = "sspr.test.policy-validator.audit";

    @Override
    public Map<String, String> start() {
        for (String name : List.of("LDAP_URL", "LDAP_CA_FILE", "LDAP_BASE_DN", "LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD",
                "LDAP_READER_DN", "LDAP_READER_PASSWORD", "SSPR_SECRETS_DIR", "KAFKA_BOOTSTRAP_SERVERS")) {
            LocalStack.env(name);
        }
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(LocalStack.env("KAFKA_BOOTSTRAP_SERVERS")))) {
            for (String topic : List.of(REQUESTED, REQUESTED_DLQ, VALIDATED, RESULTS, POLICIES, SETTINGS, SETTINGS + ".dlq",
                    AUDIT)) {
                create(admin, topic);
            }
        }
        return Map.of();
    }

    private static void create(Admin admin, String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic + ": " + LocalStack.HINT, e.getCause());
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
