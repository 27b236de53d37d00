package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.TopicAccess.ServiceAccess;
import io.sspr.events.TopicAccess;
import io.sspr.events.Topics;
import io.sspr.events.testing.KafkaTestClients;
import io.sspr.events.testing.RealParts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stack's broker against the rights of {@link TopicAccess}: it accepts only SASL/SCRAM-SHA-512 principals it knows
 * (an anonymous client, also on the controller port, and a wrong password get nothing), each service's principal is
 * refused every topic it must not write or read and every other service's consumer groups and all administration, and
 * is allowed on its own. Expectations come from the table and, so that the test does not only mirror it, from pairs
 * written out here.
 *
 * <p>Nothing is written to a topic: refused writes write nothing, and a principal's allowed writes are shown by the
 * broker's authorizer ({@code describeTopics} with authorized operations) rather than by records the running services
 * would consume. Allowed reads are real reads, in a consumer group of this run that is deleted afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAccessIT {
    private static final Duration REFUSAL_WAIT = Duration.ofSeconds(6);

    private final String run = UUID.randomUUID().toString();
    private String bootstrap;
    private String controllers;
    private List<String> allTopics;

    @BeforeAll
    void broker() {
        bootstrap = RealParts.kafkaBootstrapServers();
        // deploy/local/stack puts the controller listener on the port after the broker's
        controllers = System.getenv().getOrDefault("KAFKA_CONTROLLER_SERVERS", nextPort(bootstrap));
        allTopics = Topics.allWithDeadLetters().stream().map(Topics.TopicSpec::name).toList();
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(bootstrap))) {
            Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = allTopics.stream().filter(t -> !present.contains(t)).toList();
            if (!missing.isEmpty()) {
                fail("topics " + missing + " are missing on " + bootstrap + ": " + RealParts.HINT);
            }
        } catch (Exception e) {
            fail("the admin principal cannot use Kafka at " + bootstrap + " (" + e + "): " + RealParts.HINT);
        }
    }

    // ------------------------------------------------------------------ anonymous and unknown clients

    @Test
    void anAnonymousClientCannotProduceConsumeOrAdminister() {
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", bootstrap));
        assertProduceRefused(anonymous, Topics.PASSWORD_REQUESTED);
        assertProduceRefused(anonymous, Topics.AUDIT_EVENTS);
        assertConsumeRefused(anonymous, Topics.PASSWORD_VALIDATED, null);
        try (Admin admin = Admin.create(adminClient(anonymous))) {
            assertFails(() -> admin.listTopics().names().get(), "anonymous list topics");
            assertFails(() -> admin.describeCluster().nodes().get(), "anonymous describe cluster");
            assertFails(() -> admin.createTopics(List.of(new NewTopic("sspr.test.anonymous-" + run, 1, (short) 1)))
                    .all().get(), "anonymous create topic");
        }
    }

    @Test
    void theControllerPortRefusesAnAnonymousClientAndAServicePrincipal() throws Exception {
        Map<String, Object> anonymous = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                controllers));
        try (Admin admin = Admin.create(adminClient(anonymous))) {
            assertFails(() -> admin.describeCluster().nodes().get(), "anonymous describe cluster on the controller");
            assertFails(() -> admin.describeAcls(AclBindingFilter.ANY).values().get(),
                    "anonymous describe ACLs on the controller");
            assertFails(() -> admin.createAcls(List.of(allow("ANONYMOUS", Topics.PASSWORD_REQUESTED,
                    AclOperation.WRITE))).all().get(), "anonymous create ACL on the controller");
        }
        Map<String, Object> portal = KafkaTestClients.principalProperties(controllers, "sspr-reset-portal",
                KafkaPrincipals.password("reset-portal"));
        portal.remove("bootstrap.servers");
        portal.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controllers);
        try (Admin admin = Admin.create(adminClient(portal))) {
            assertRefused(() -> admin.createAcls(List.of(allow("sspr-reset-portal", Topics.PASSWORD_VALIDATED,
                    AclOperation.WRITE))).all().get(), "portal create ACL on the controller");
            assertRefused(() -> admin.describeAcls(AclBindingFilter.ANY).values().get(),
                    "portal describe ACLs on the controller");
        }
        // the port itself works, for the broker's superusers
        Map<String, Object> operator = KafkaTestClients.adminProperties(controllers);
        operator.remove("bootstrap.servers");
        operator.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controllers);
        try (Admin admin = Admin.create(adminClient(operator))) {
            assertFalse(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).isEmpty());
        }
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefused() {
        for (Map<String, Object> client : List.of(
                KafkaTestClients.principalProperties(bootstrap, "sspr-reset-portal", "not-its-password"),
                KafkaTestClients.principalProperties(bootstrap, "sspr-nobody-" + run, "any-password"),
                KafkaTestClients.principalProperties(bootstrap, "ANONYMOUS", "any-password"))) {
            try (Admin admin = Admin.create(adminClient(client))) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> admin.listTopics().names().get(20, TimeUnit.SECONDS));
                assertInstanceOf(SaslAuthenticationException.class, e.getCause());
            }
        }
    }

    @Test
    void noAclGrantsAnythingToAnonymousOrToEveryUser() throws Exception {
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(bootstrap))) {
            List<String> open = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).stream()
                    .filter(b -> b.entry().principal().equals("User:ANONYMOUS") || b.entry().principal().equals("User:*"))
                    .map(AclBinding::toString).toList();
            assertEquals(List.of(), open);
        }
    }

    // ------------------------------------------------------------------ the services' own principals

    @Test
    void theBrokersAclsForTheServicesAreExactlyTheTable() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (ServiceAccess service : TopicAccess.SERVICES) {
            String principal = "User:" + service.principal();
            service.writes().forEach(t -> expected.add(describe(principal, "TOPIC", t, "LITERAL", "WRITE")));
            service.reads().forEach(t -> expected.add(describe(principal, "TOPIC", t, "LITERAL", "READ")));
            expected.add(describe(principal, "GROUP", service.groupPrefix(), "PREFIXED", "READ"));
        }
        Set<String> principals = TopicAccess.SERVICES.stream().map(s -> "User:" + s.principal())
                .collect(Collectors.toSet());
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(bootstrap))) {
            Set<String> actual = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).stream()
                    .filter(b -> principals.contains(b.entry().principal()))
                    .map(b -> describe(b.entry().principal(), b.pattern().resourceType().name(), b.pattern().name(),
                            b.pattern().patternType().name(), b.entry().operation().name()
                                    + (b.entry().permissionType() == AclPermissionType.ALLOW ? "" : " DENY")
                                    + (b.entry().host().equals("*") ? "" : " host " + b.entry().host())))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, actual);
        }
    }

    @Test
    void eachServiceIsRefusedEveryTopicItMustNotWriteAndMayWriteItsOwn() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (ServiceAccess service : TopicAccess.SERVICES) {
            Map<String, Set<AclOperation>> allowed = authorizedOperations(service);
            for (String topic : allTopics) {
                boolean mayWrite = service.writes().contains(topic);
                if (allowed.get(topic).contains(AclOperation.WRITE) != mayWrite) {
                    wrong.add(service.principal() + (mayWrite ? " may not" : " may") + " write " + topic
                            + " (authorizer: " + allowed.get(topic) + ")");
                }
                if (!mayWrite && !produceRefused(client(service.service()), topic)) {
                    wrong.add(service.principal() + " wrote " + topic);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void eachServiceIsRefusedEveryTopicItMustNotReadAndReadsItsOwn() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (ServiceAccess service : TopicAccess.SERVICES) {
            Map<String, Set<AclOperation>> allowed = authorizedOperations(service);
            for (String topic : allTopics) {
                boolean mayRead = service.reads().contains(topic);
                if (allowed.get(topic).contains(AclOperation.READ) != mayRead) {
                    wrong.add(service.principal() + (mayRead ? " may not" : " may") + " read " + topic
                            + " (authorizer: " + allowed.get(topic) + ")");
                }
                if (mayRead) {
                    assertReads(service, topic);
                } else if (!consumeRefused(client(service.service()), topic, null)) {
                    wrong.add(service.principal() + " read " + topic);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Written out by hand, not from the table: the pairs an attacker in one service would try first. */
    @Test
    void theObviousAttacksAreRefused() throws Exception {
        // a portal that could write validated (or results) would skip the policy check (or fake an outcome)
        assertProduceRefused(client("reset-portal"), "sspr.password.validated");
        assertProduceRefused(client("reset-portal"), "sspr.password.results");
        assertProduceRefused(client("reset-portal"), "sspr.directory.users");
        // a portal that could write heartbeats would call writeback Active with no worker there
        assertProduceRefused(client("reset-portal"), "sspr.writeback.status");
        // a worker that could write requested could start its own resets
        assertProduceRefused(client("writeback-worker"), "sspr.password.requested");
        assertProduceRefused(client("writeback-worker"), "sspr.password.validated");
        assertProduceRefused(client("policy-validator"), "sspr.password.requested");
        assertProduceRefused(client("policy-validator"), "sspr.writeback.status");
        assertProduceRefused(client("policy-validator"), "sspr.settings");
        assertProduceRefused(client("audit-service"), "sspr.password.results");
        assertProduceRefused(client("audit-service"), "sspr.password.requested");
        // sealed passwords travel on requested and validated: only their consumers read them
        assertConsumeRefused(client("reset-portal"), "sspr.password.requested", null);
        assertConsumeRefused(client("writeback-worker"), "sspr.password.requested", null);
        assertConsumeRefused(client("audit-service"), "sspr.password.validated", null);
        assertConsumeRefused(client("reset-portal"), "sspr.audit.events", null);
        assertConsumeRefused(client("writeback-worker"), "sspr.audit.events", null);
        // another service's consumer group: it could take over the group's partitions and commit past records
        assertConsumeRefused(client("reset-portal"), "sspr.password.validated", "sspr-writeback-worker");
        assertConsumeRefused(client("audit-service"), "sspr.password.requested", "sspr-policy-validator");
        // and what they may: the portal writes requested and the admin's settings, the worker reads validated
        assertTrue(authorizedOperations(TopicAccess.RESET_PORTAL).get("sspr.password.requested")
                .contains(AclOperation.WRITE));
        assertTrue(authorizedOperations(TopicAccess.RESET_PORTAL).get("sspr.settings").contains(AclOperation.WRITE));
        assertReads(TopicAccess.WRITEBACK_WORKER, "sspr.password.validated");
    }

    @Test
    void noServiceMayAdministerTheBroker() {
        for (ServiceAccess service : TopicAccess.SERVICES) {
            try (Admin admin = Admin.create(adminClient(client(service.service())))) {
                String who = service.principal();
                assertRefused(() -> admin.createTopics(List.of(new NewTopic("sspr.test.access-" + run, 1, (short) 1)))
                        .all().get(), who + " create topic");
                assertRefused(() -> admin.createAcls(List.of(allow(who, Topics.PASSWORD_VALIDATED, AclOperation.WRITE)))
                        .all().get(), who + " create ACL");
                assertRefused(() -> admin.describeAcls(AclBindingFilter.ANY).values().get(), who + " describe ACLs");
                // changing another principal's password would let it become that principal
                assertRefused(() -> admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                        "sspr-writeback-worker", new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                        "taken-over"))).all().get(), who + " alter SCRAM credentials");
                assertRefused(() -> admin.deleteRecords(Map.of(new TopicPartition(Topics.PASSWORD_RESULTS, 0),
                        RecordsToDelete.beforeOffset(0))).all().get(), who + " delete records");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> client(String service) {
        return KafkaTestClients.principalProperties(bootstrap, KafkaPrincipals.username(service),
                KafkaPrincipals.password(service));
    }

    /** The broker authorizer's answer for the principal on every topic. */
    private Map<String, Set<AclOperation>> authorizedOperations(ServiceAccess service) throws Exception {
        try (Admin admin = Admin.create(adminClient(client(service.service())))) {
            Map<String, Set<AclOperation>> allowed = new HashMap<>();
            for (String topic : allTopics) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic),
                            new DescribeTopicsOptions().includeAuthorizedOperations(true))
                            .allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
                    allowed.put(topic, description.authorizedOperations() == null ? Set.of()
                            : Set.copyOf(description.authorizedOperations()));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicAuthorizationException)) {
                        throw e;
                    }
                    allowed.put(topic, Set.of()); // not even Describe
                }
            }
            return allowed;
        }
    }

    /** A real read of the topic's first partition, in a consumer group of this run (deleted again). */
    private void assertReads(ServiceAccess service, String topic) throws Exception {
        String group = service.groupPrefix() + "-access-test-" + run;
        Map<String, Object> config = consumer(client(service.service()), group);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            long end = consumer.position(partition, Duration.ofSeconds(20));
            consumer.poll(Duration.ofMillis(500));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(end)), Duration.ofSeconds(20));
        } catch (KafkaException e) {
            fail(service.principal() + " could not read " + topic + " in group " + group + ": " + e);
        }
        try (Admin admin = Admin.create(KafkaTestClients.adminProperties(bootstrap))) {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void assertProduceRefused(Map<String, Object> client, String topic) {
        assertTrue(produceRefused(client, topic), "a record reached " + topic);
    }

    /** Sends one record: true when the broker refused it (or never let the client in). */
    private boolean produceRefused(Map<String, Object> client, String topic) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSAL_WAIT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSAL_WAIT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REFUSAL_WAIT.toMillis() - 1000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.RETRIES_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "kafka-access-test-" + run, "{}"))
                    .get(2 * REFUSAL_WAIT.toSeconds(), TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            return refusal(e.getCause());
        } catch (KafkaException e) {
            return refusal(e);
        } catch (java.util.concurrent.TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void assertConsumeRefused(Map<String, Object> client, String topic, String group) {
        assertTrue(consumeRefused(client, topic, group), "read " + topic + (group == null ? "" : " in " + group));
    }

    /**
     * Reads the topic's first partition from its start (without a group), or commits an offset in the group: true when
     * the broker refused it.
     */
    private boolean consumeRefused(Map<String, Object> client, String topic, String group) {
        Map<String, Object> config = consumer(client, group);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(partition));
            if (group != null) {
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)), REFUSAL_WAIT);
                return false;
            }
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + REFUSAL_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                    return false;
                }
            }
            // nothing refused and nothing read: an empty topic may be readable; ask for its position as proof
            consumer.position(partition, REFUSAL_WAIT);
            return false;
        } catch (KafkaException e) {
            return refusal(e);
        }
    }

    private static Map<String, Object> consumer(Map<String, Object> client, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REFUSAL_WAIT.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REFUSAL_WAIT.toMillis() - 1000);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return config;
    }

    /** An authorization error, or (for a client the broker never lets in) a timeout. */
    private static boolean refusal(Throwable e) {
        return e instanceof AuthorizationException || e instanceof TimeoutException
                || e instanceof SaslAuthenticationException;
    }

    private static Map<String, Object> adminClient(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REFUSAL_WAIT.toMillis() - 1000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REFUSAL_WAIT.toMillis());
        return config;
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    /** The call fails: refused, or the broker does not answer a client it does not let in. */
    private static void assertFails(Call call, String what) {
        try {
            Object result = call.run();
            fail(what + " succeeded: " + result);
        } catch (ExecutionException e) {
            assertTrue(refusal(e.getCause()), what + " failed otherwise: " + e.getCause());
        } catch (Exception e) {
            assertTrue(refusal(e), what + " failed otherwise: " + e);
        }
    }

    /** The call is refused by the authorizer (an authenticated principal gets an answer, not a timeout). */
    private static void assertRefused(Call call, String what) {
        try {
            Object result = call.run();
            fail(what + " succeeded: " + result);
        } catch (ExecutionException e) {
            assertInstanceOf(AuthorizationException.class, e.getCause(), what + " failed otherwise");
        } catch (Exception e) {
            assertInstanceOf(AuthorizationException.class, e, what + " failed otherwise");
        }
    }

    private static AclBinding allow(String user, String topic, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static String describe(String principal, String type, String name, String pattern, String operation) {
        return principal + " " + operation + " " + type + " " + name + " (" + pattern + ")";
    }

    private static String nextPort(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return first.substring(0, colon + 1) + (Integer.parseInt(first.substring(colon + 1)) + 1);
    }
}
