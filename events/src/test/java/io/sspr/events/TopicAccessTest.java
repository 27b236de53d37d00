package io.sspr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.TopicAccess.ServiceAccess;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The ACL table against the code: each service's channels (its application.properties, outside the %test profile) are
 * exactly what {@link TopicAccess} lets it produce and consume, and its consumer groups start with its prefix. So a new
 * channel cannot ship without its ACL, and no service keeps a right it no longer uses.
 */
class TopicAccessTest {
    private static final Pattern CHANNEL = Pattern.compile(
            "^mp\\.messaging\\.(incoming|outgoing)\\.\"([^\"]+)\"\\.connector$");
    private static final Pattern GROUP = Pattern.compile("^mp\\.messaging\\.incoming\\.\"([^\"]+)\"\\.group\\.id$");

    @Test
    void eachServiceProducesAndConsumesExactlyWhatItsAclsAllow() throws IOException {
        for (ServiceAccess service : TopicAccess.SERVICES) {
            Properties properties = properties(service.service());
            Set<String> incoming = new TreeSet<>();
            Set<String> outgoing = new TreeSet<>();
            for (String key : properties.stringPropertyNames()) {
                Matcher channel = CHANNEL.matcher(key);
                if (channel.matches()) {
                    String topic = properties.getProperty("mp.messaging." + channel.group(1) + ".\""
                            + channel.group(2) + "\".topic", channel.group(2));
                    (channel.group(1).equals("incoming") ? incoming : outgoing).add(topic);
                }
                Matcher group = GROUP.matcher(key);
                if (group.matches()) {
                    assertTrue(properties.getProperty(key).startsWith(service.groupPrefix()),
                            service.service() + ": group " + properties.getProperty(key) + " outside "
                                    + service.groupPrefix() + "*");
                }
            }
            assertEquals(new TreeSet<>(service.consumes()), incoming, service.service() + " consumes");
            outgoing.remove(Topics.AUDIT_EVENTS); // every service may audit (the failure rule does)
            assertEquals(new TreeSet<>(service.produces()), outgoing, service.service() + " produces");
        }
    }

    @Test
    void theTableHoldsWhatTheContractsSay() {
        // written out, not derived: who may write the topics a forged event would travel on
        assertEquals(Set.of("sspr-reset-portal"), writers(Topics.PASSWORD_REQUESTED));
        assertEquals(Set.of("sspr-policy-validator"), writers(Topics.PASSWORD_VALIDATED));
        assertEquals(Set.of("sspr-policy-validator", "sspr-writeback-worker"), writers(Topics.PASSWORD_RESULTS));
        assertEquals(Set.of("sspr-writeback-worker"), writers(Topics.WRITEBACK_STATUS));
        assertEquals(Set.of("sspr-writeback-worker"), writers(Topics.DIRECTORY_USERS));
        assertEquals(Set.of("sspr-policy-validator"), writers(Topics.DIRECTORY_POLICIES));
        assertEquals(Set.of(), writers(Topics.SETTINGS), "only the admin writes the settings");
        assertEquals(Set.of("sspr-policy-validator", "sspr-audit-service"), readers(Topics.PASSWORD_REQUESTED));
        assertEquals(Set.of("sspr-writeback-worker", "sspr-reset-portal"), readers(Topics.PASSWORD_VALIDATED));
        assertEquals(Set.of("sspr-audit-service"), readers(Topics.AUDIT_EVENTS));
        assertEquals(Set.of("sspr-policy-validator"), readers(Topics.SETTINGS));
        for (ServiceAccess service : TopicAccess.SERVICES) {
            assertTrue(service.writes().contains(Topics.AUDIT_EVENTS), service.service());
            service.consumes().forEach(t -> assertTrue(service.writes().contains(Topics.deadLetter(t)), t));
            assertFalse(service.reads().stream().anyMatch(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX)),
                    service.service() + " reads no dead letters");
            assertEquals("sspr-" + service.service(), service.principal());
        }
    }

    private static Set<String> writers(String topic) {
        return TopicAccess.SERVICES.stream().filter(s -> s.writes().contains(topic)).map(ServiceAccess::principal)
                .collect(Collectors.toSet());
    }

    private static Set<String> readers(String topic) {
        return TopicAccess.SERVICES.stream().filter(s -> s.reads().contains(topic)).map(ServiceAccess::principal)
                .collect(Collectors.toSet());
    }

    private static Properties properties(String service) throws IOException {
        Path file = Path.of("..", service, "src", "main", "resources", "application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("%")).forEach(properties::remove);
        return properties;
    }
}
