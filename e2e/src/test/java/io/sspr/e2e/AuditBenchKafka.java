package io.sspr.e2e;

import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.testing.KafkaTestClients;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The audit benchmark's own corner of the stack's broker, made by the admin and removed at the end: topics of its own
 * (the three the service consumes and their dead-letter twins, under {@value #TOPIC_PREFIX}{@code <run>.}), a SCRAM
 * user of its own ({@value #PRINCIPAL}, a fresh password each run) that may read and write only those topics and use
 * only its consumer group {@value #GROUP}. The service's own principal may read only the stack's topics
 * ({@code TopicAccess}), and sending the benchmark's events there would let the stack's audit service store them in
 * the stack's database; a principal of its own leaves the stack's ACLs exactly as {@code TopicAccess} says.
 */
final class AuditBenchKafka implements AutoCloseable {
    static final String PRINCIPAL = "sspr-audit-bench";
    static final String GROUP = "sspr-audit-bench";
    static final String TOPIC_PREFIX = "sspr-bench.";

    private final Admin admin;
    private final String bootstrap;
    private final String run = randomHex(4);
    private final String password = randomHex(24);
    /** The stack's topic name (the service's channel) → the benchmark's topic. */
    private final Map<String, String> topics = new LinkedHashMap<>();

    private AuditBenchKafka(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        for (String channel : List.of(Topics.AUDIT_EVENTS, Topics.PASSWORD_REQUESTED, Topics.PASSWORD_RESULTS)) {
            topics.put(channel, TOPIC_PREFIX + run + "." + channel);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Refuses with the stack's hint when the broker does not answer the admin. */
    static AuditBenchKafka create() throws Exception {
        String bootstrap = RealParts.kafkaBootstrapServers();
        Map<String, Object> config = KafkaTestClients.adminProperties(bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Admin admin = Admin.create(config);
        AuditBenchKafka kafka = new AuditBenchKafka(admin, bootstrap);
        try {
            admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            admin.close();
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer the admin (" + e + "): "
                    + RealParts.HINT, e);
        }
        kafka.removeLeftovers();
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : kafka.topics.values()) {
            // as many partitions as the stack's topic: the same spread over the consumer
            int partitions = Topics.ALL.stream().filter(t -> topic.endsWith("." + t.name())).findFirst()
                    .orElseThrow().partitions();
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
            newTopics.add(new NewTopic(Topics.deadLetter(topic), 1, (short) 1));
        }
        admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(PRINCIPAL,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), kafka.password)))
                .all().get(30, TimeUnit.SECONDS);
        String user = "User:" + PRINCIPAL;
        admin.createAcls(List.of(
                allow(ResourceType.TOPIC, TOPIC_PREFIX + kafka.run + ".", user, AclOperation.READ),
                allow(ResourceType.TOPIC, TOPIC_PREFIX + kafka.run + ".", user, AclOperation.WRITE),
                allow(ResourceType.GROUP, GROUP, user, AclOperation.READ))).all().get(30, TimeUnit.SECONDS);
        return kafka;
    }

    private static AclBinding allow(ResourceType type, String prefix, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** The topic the service reads instead of the stack's {@code channel}. */
    String topic(String channel) {
        return topics.get(channel);
    }

    /** The service's Kafka principal for this run, as environment variables (never on a command line). */
    Map<String, String> serviceEnvironment() {
        return Map.of("KAFKA_USERNAME", PRINCIPAL, "KAFKA_PASSWORD", password);
    }

    /** The service's channels on the benchmark's topics, in its own group; its own audits of dead letters too. */
    Map<String, String> serviceSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        topics.forEach((channel, topic) -> {
            settings.put("mp.messaging.incoming.\"" + channel + "\".topic", topic);
            settings.put("mp.messaging.incoming.\"" + channel + "\".group.id", GROUP);
        });
        settings.put("sspr.messaging.audit-topic", topic(Topics.AUDIT_EVENTS));
        return settings;
    }

    /**
     * {@code count} audit events as the portal sends them (signed with its key from the stack) to the benchmark's
     * audit topic, signed ahead so that sending them costs only Kafka's time. Their users, activities and results vary
     * as the seed's do; their times fall within the hour before {@code now}.
     */
    List<ProducerRecord<String, String>> signedAuditEvents(int count, int users, Random random, Instant now) {
        EventSigner portal = SignedRecords.signerOf("reset-portal");
        AuditActivity[] activities = {AuditActivity.FLOW_ACTIVITY_PROGRESS, AuditActivity.BLOCKED_FROM_SSPR,
            AuditActivity.USER_REGISTERED, AuditActivity.SECURITY_INFO_SAVED, AuditActivity.POLICY_CHANGES};
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String upn = "user%05d@example.test".formatted(random.nextInt(users));
            int outcome = random.nextInt(100);
            AuditEvent.AuditResult result = outcome < 2 ? AuditEvent.AuditResult.timeout
                    : outcome < 15 ? AuditEvent.AuditResult.failure : AuditEvent.AuditResult.success;
            SsprEvent event = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(),
                    now.minusMillis(random.nextInt(3_600_000)), SsprEvent.SCHEMA_VERSION,
                    UUID.nameUUIDFromBytes(upn.getBytes(StandardCharsets.UTF_8)).toString(),
                    activities[random.nextInt(activities.length)], result,
                    result == AuditEvent.AuditResult.success ? "Successfully completed" : "Refused by the benchmark",
                    upn, upn, "reset-portal",
                    Map.of("stage", "benchmark", "clientAddress", "10.2." + (i % 251) + "." + (i % 241)));
            records.add(SignedRecords.record(topic(Topics.AUDIT_EVENTS), event, portal));
        }
        return records;
    }

    /** Sends the records as fast as the broker takes them; returns once it has acknowledged all (acks=all). */
    void send(List<ProducerRecord<String, String>> records) throws Exception {
        Map<String, Object> config = KafkaTestClients.adminProperties(bootstrap, Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            awaitAll(sent);
        }
    }

    private static void awaitAll(List<Future<RecordMetadata>> sent) throws Exception {
        for (Future<RecordMetadata> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
        sent.clear();
    }

    /** Whatever an aborted run left: its topics, its group, the user and its ACLs (all made again now). */
    private void removeLeftovers() throws Exception {
        Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> old = names.stream().filter(name -> name.startsWith(TOPIC_PREFIX)).toList();
        if (!old.isEmpty()) {
            admin.deleteTopics(old).all().get(60, TimeUnit.SECONDS);
        }
        removeUserAndGroup();
    }

    private void removeUserAndGroup() throws Exception {
        admin.deleteAcls(List.of(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                "User:" + PRINCIPAL, null, AclOperation.ANY, AclPermissionType.ANY)))).all().get(30, TimeUnit.SECONDS);
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(PRINCIPAL,
                    ScramMechanism.SCRAM_SHA_512))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // no such user: nothing to remove
        }
        try {
            admin.deleteConsumerGroups(List.of(GROUP)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                System.out.println("could not delete the consumer group " + GROUP + ": " + e.getCause());
            }
        }
    }

    /** Removes the topics, the group, the user and its ACLs; the service must have stopped. */
    @Override
    public void close() {
        try {
            List<String> mine = new ArrayList<>();
            topics.values().forEach(topic -> {
                mine.add(topic);
                mine.add(Topics.deadLetter(topic));
            });
            admin.deleteTopics(mine).all().get(60, TimeUnit.SECONDS);
            removeUserAndGroup();
        } catch (Exception e) {
            System.out.println("could not remove the benchmark's Kafka topics, group or user (" + e
                    + "); the next run removes them");
        } finally {
            admin.close();
        }
    }
}
