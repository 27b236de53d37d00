import io.sspr.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics of io.sspr.events.Topics that are missing (run as a single-file program by
 * deploy/local/stack, with the broker's jars and the events jar on the class path).
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "localhost:9092");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.allWithDeadLetters().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
                            .configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("topics: " + Topics.allWithDeadLetters().size() + " present, " + missing.size()
                    + " created");
        }
    }
}
