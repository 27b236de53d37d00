package io.sspr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.TopicAccess.ServiceAccess;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The ACL table against the contracts. That each service's channels are exactly what {@link TopicAccess} lets it
 * produce and consume is checked against the compiled services by e2e's {@code CodebaseShapeTest}.
 */
class TopicAccessTest {
    @Test
    void theTableHoldsWhatTheContractsSay() {
        // written out, not derived: who may write the topics a forged event would travel on
        assertEquals(Set.of("sspr-reset-portal"), writers(Topics.PASSWORD_REQUESTED));
        assertEquals(Set.of("sspr-policy-validator"), writers(Topics.PASSWORD_VALIDATED));
        assertEquals(Set.of("sspr-policy-validator", "sspr-writeback-worker"), writers(Topics.PASSWORD_RESULTS));
        assertEquals(Set.of("sspr-writeback-worker"), writers(Topics.WRITEBACK_STATUS));
        assertEquals(Set.of("sspr-writeback-worker"), writers(Topics.DIRECTORY_USERS));
        assertEquals(Set.of("sspr-policy-validator"), writers(Topics.DIRECTORY_POLICIES));
        assertEquals(Set.of("sspr-reset-portal"), writers(Topics.SETTINGS), "the portal's admin API writes the settings");
        assertEquals(Set.of("sspr-policy-validator", "sspr-audit-service"), readers(Topics.PASSWORD_REQUESTED));
        assertEquals(Set.of("sspr-writeback-worker", "sspr-reset-portal"), readers(Topics.PASSWORD_VALIDATED));
        assertEquals(Set.of("sspr-audit-service"), readers(Topics.AUDIT_EVENTS));
        assertEquals(Set.of("sspr-policy-validator", "sspr-writeback-worker", "sspr-reset-portal"),
                readers(Topics.SETTINGS));
        assertEquals(Set.of("sspr-reset-portal"), readers(Topics.WRITEBACK_STATUS));
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
}
