package io.sspr.validator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.PasswordPolicyPublished;
import io.sspr.validator.policy.ComplexityDialect;
import io.sspr.validator.policy.EffectivePolicy;
import io.sspr.validator.policy.PasswordPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyEventsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private static final PasswordPolicy DOMAIN = PasswordPolicy.domain(7, true, ComplexityDialect.SAMBA, 24,
            Duration.ZERO, Duration.ofDays(42));

    @Test
    void domainPolicyInNumbersAndWords() {
        PasswordPolicyPublished event = PolicyEvents.of(EffectivePolicy.domain(DOMAIN), NOW);
        assertEquals("domain", event.policyKey());
        assertEquals("domain", event.userKey());
        assertEquals(PasswordPolicyPublished.Source.DOMAIN, event.source());
        assertNull(event.precedence());
        assertEquals(7, event.minLength());
        assertEquals(256, event.maxLength());
        assertEquals("SAMBA", event.dialect());
        assertEquals(Duration.ofDays(42), event.maxAge());
        assertFalse(event.rules().isEmpty());
    }

    @Test
    void psoIsKeyedByItsDnAndComparedWithoutIdentity() {
        PasswordPolicy strict = PasswordPolicy.domain(14, true, ComplexityDialect.SAMBA, 0, Duration.ofDays(1), null);
        String dn = "CN=admins,CN=Password Settings Container,CN=System,DC=example,DC=test";
        PasswordPolicyPublished first = PolicyEvents.of(EffectivePolicy.pso(strict, dn, 5), NOW);
        PasswordPolicyPublished again = PolicyEvents.of(EffectivePolicy.pso(strict, dn, 5), NOW.plusSeconds(30));
        assertEquals(dn, first.policyKey());
        assertEquals(5, first.precedence());
        assertTrue(first.samePolicyAs(again), "a re-read with equal settings is not published again");
        assertFalse(first.samePolicyAs(PolicyEvents.of(EffectivePolicy.pso(
                PasswordPolicy.domain(15, true, ComplexityDialect.SAMBA, 0, Duration.ofDays(1), null), dn, 5), NOW)));
    }
}
