package io.sspr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The Kubernetes topic manifests are a copy of {@link Topics}; this keeps the copy honest. */
class KafkaTopicsManifestTest {

    private static final Path MANIFEST = Path.of("..", "deploy", "k8s", "base", "kafka-topics.yaml");

    @Test
    void everyTopicIsDeclaredWithItsPartitionsAndCompaction() throws IOException {
        String yaml = Files.readString(MANIFEST);
        for (Topics.TopicSpec topic : Topics.allWithDeadLetters()) {
            Matcher entry = Pattern.compile("topicName: " + Pattern.quote(topic.name()) + "\\n  partitions: (\\d+)\\n"
                    + "  replicas: \\d+\\n  config: \\{([^}]*)}").matcher(yaml);
            assertTrue(entry.find(), "missing in " + MANIFEST + ": " + topic);
            assertEquals(topic.partitions(), Integer.parseInt(entry.group(1)), topic.name());
            assertEquals(topic.compacted(), entry.group(2).contains("cleanup.policy: compact"), topic.name());
        }
        assertEquals(Topics.allWithDeadLetters().size(), yaml.split("kind: KafkaTopic", -1).length - 1,
                "no topic in the manifest that Topics does not know");
    }
}
