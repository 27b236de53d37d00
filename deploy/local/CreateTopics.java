import io.sspr.events.KafkaSecurity;
import io.sspr.events.TopicAccess.ServiceAccess;
import io.sspr.events.TopicAccess;
import io.sspr.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * As the admin principal ({@code KAFKA_ADMIN_USERNAME}/{@code KAFKA_ADMIN_PASSWORD} in its environment): creates the
 * topics of io.sspr.events.Topics that are missing, sets each service's SCRAM-SHA-512 user to the password in
 * {@code SECRETS_DIR/<service>/kafka-password}, and makes the broker's ACLs exactly those io.sspr.events.TopicAccess
 * gives (missing ones added; others naming a service principal, anonymous or every user removed). Run as a
 * single-file program by deploy/local/stack, with the broker's jars and the events jar on the class path. Idempotent.
 *
 * <pre>
 *   CreateTopics BOOTSTRAP [SECRETS_DIR]     without SECRETS_DIR: topics only
 * </pre>
 */
public class CreateTopics {
    private static final int SCRAM_ITERATIONS = 8192;

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "localhost:9092");
        props.putAll(KafkaSecurity.adminFromEnvironment());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.allWithDeadLetters().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
                            .configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            System.out.println("topics: " + Topics.allWithDeadLetters().size() + " present, " + missing.size()
                    + " created");
            if (args.length > 1) {
                users(admin, Path.of(args[1]));
                acls(admin);
            }
        }
    }

    /** Every service's SCRAM user, set to the password of its secrets folder (the names only are printed). */
    private static void users(Admin admin, Path secrets) throws Exception {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (ServiceAccess service : TopicAccess.SERVICES) {
            String password = Files.readString(secrets.resolve(service.service()).resolve("kafka-password")).strip();
            upserts.add(new UserScramCredentialUpsertion(service.principal(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password));
        }
        admin.alterUserScramCredentials(upserts).all().get(60, TimeUnit.SECONDS);
        System.out.println("users: " + TopicAccess.SERVICES.stream().map(ServiceAccess::principal).toList());
    }

    static List<AclBinding> expected() {
        List<AclBinding> bindings = new ArrayList<>();
        for (ServiceAccess service : TopicAccess.SERVICES) {
            String principal = "User:" + service.principal();
            service.writes().forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL,
                    principal, AclOperation.WRITE)));
            service.reads().forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL,
                    principal, AclOperation.READ)));
            if (!service.reads().isEmpty()) {
                bindings.add(allow(ResourceType.GROUP, service.groupPrefix(), PatternType.PREFIXED, principal,
                        AclOperation.READ));
            }
        }
        return bindings;
    }

    private static void acls(Admin admin) throws Exception {
        List<AclBinding> expected = expected();
        Set<String> managed = new HashSet<>(Set.of("User:ANONYMOUS", "User:*"));
        TopicAccess.SERVICES.forEach(s -> managed.add("User:" + s.principal()));
        List<AclBinding> present = new ArrayList<>(admin.describeAcls(AclBindingFilter.ANY).values()
                .get(60, TimeUnit.SECONDS));
        List<AclBindingFilter> stale = present.stream()
                .filter(b -> managed.contains(b.entry().principal()) && !expected.contains(b))
                .map(AclBinding::toFilter).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(60, TimeUnit.SECONDS);
        }
        List<AclBinding> missing = expected.stream().filter(b -> !present.contains(b)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(60, TimeUnit.SECONDS);
        }
        System.out.println("acls: " + expected.size() + " for " + TopicAccess.SERVICES.size() + " services, "
                + missing.size() + " added, " + stale.size() + " removed");
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
