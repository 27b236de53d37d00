package io.sspr.events.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordPolicyPublished;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private PasswordRequested request() {
        return new PasswordRequested(UUID.randomUUID(), UUID.randomUUID(), now, now.plusSeconds(300), 1,
                Operation.CHANGE, "alice", "Alice", "sealed-current", "sealed-new", "sealed-new-for-check", "Alice", false,
                null, null);
    }

    @Test
    void requestRoundTrips() {
        PasswordRequested request = request();
        String json = EventJson.write(request);
        assertEquals(request, EventJson.read(json, PasswordRequested.class));
        assertTrue(json.contains("\"occurredAt\":\"" + now + "\""), json);
        assertFalse(json.contains("cloudEventType"), json);
    }

    @Test
    void resultAndAuditRoundTrip() {
        PasswordResult result = PasswordResult.unsuccessful(UUID.randomUUID(), Operation.CHANGE, "alice", "alice",
                RequestStatus.REJECTED, List.of(Violation.of(ResultCode.PASSWORD_TOO_SHORT),
                        Violation.of(ResultCode.PASSWORD_NOT_COMPLEX)), "policy-validator", now);
        assertEquals(result, EventJson.read(EventJson.write(result), PasswordResult.class));
        assertEquals(ResultCode.PASSWORD_TOO_SHORT, result.code());

        AuditEvent audit = new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), now, 1, "bob",
                AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, AuditEvent.AuditResult.failure, "invalid user name",
                "anonymous", "bob", "reset-portal", Map.of("clientAddress", "127.0.0.1"));
        assertEquals(audit, EventJson.read(EventJson.write(audit), AuditEvent.class));
    }

    @Test
    void passwordProtectionSettingsRoundTripAndKeepEntrasLimits() {
        SelfServiceSettings settings = SelfServiceSettings.of(List.of("contoso", "fabrikam"), "admin", now);
        assertEquals(settings, EventJson.read(EventJson.write(settings), SelfServiceSettings.class));
        assertEquals(SelfServiceSettings.KEY, settings.userKey());
        assertThrows(IllegalArgumentException.class,
                () -> SelfServiceSettings.of(java.util.Collections.nCopies(1001, "contoso"), "admin", now));
        assertThrows(IllegalArgumentException.class, () -> SelfServiceSettings.of(List.of("abc"), "admin", now));
    }

    @Test
    void policyRoundTripsWithItsKey() {
        PasswordPolicyPublished policy = new PasswordPolicyPublished(UUID.randomUUID(), UUID.randomUUID(), now, 1,
                "CN=admins-pso,CN=Password Settings Container,CN=System,DC=example,DC=test",
                PasswordPolicyPublished.Source.PSO, 10, 14, 256, true, "SAMBA", 24, java.time.Duration.ofDays(1),
                null, List.of("Use at least 14 characters."));
        String json = EventJson.write(policy);
        assertEquals(policy, EventJson.read(json, PasswordPolicyPublished.class));
        assertEquals(policy.policyKey(), policy.userKey());
        assertFalse(json.contains("userKey"), json);
        assertTrue(policy.samePolicyAs(EventJson.read(json, PasswordPolicyPublished.class)));
    }

    @Test
    void successHasNoViolations() {
        PasswordResult ok = PasswordResult.succeeded(UUID.randomUUID(), Operation.CHANGE, "a", "a", "worker", now);
        assertEquals(ResultCode.PASSWORD_CHANGED, ok.code());
        assertEquals(List.of(), ok.violations());
    }

    @Test
    void malformedJsonFailsWithPositionButWithoutEchoingInput() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventJson.read("{\"eventId\": Hunter2-Secret", PasswordRequested.class));
        assertTrue(e.getMessage().startsWith("PasswordRequested event is not valid JSON (line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("Hunter2"), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() {
        String json = EventJson.write(request()).replaceAll("\"userKey\":\"alice\",", "");
        MalformedEventException e =
                assertThrows(MalformedEventException.class, () -> EventJson.read(json, PasswordRequested.class));
        assertTrue(e.getMessage().contains("userKey"), e.getMessage());
    }

    @Test
    void wrongTypeIsNamedWithoutTheValue() {
        String json = EventJson.write(request()).replace("\"CHANGE\"", "\"Secret-Op-42\"");
        MalformedEventException e =
                assertThrows(MalformedEventException.class, () -> EventJson.read(json, PasswordRequested.class));
        assertTrue(e.getMessage().contains("'operation'"), e.getMessage());
        assertFalse(e.getMessage().contains("Secret-Op-42"), e.getMessage());
    }

    @Test
    void unsupportedSchemaVersionIsRefused() {
        String json = EventJson.write(request()).replace("\"schemaVersion\":1", "\"schemaVersion\":9");
        assertThrows(MalformedEventException.class, () -> EventJson.read(json, PasswordRequested.class));
    }

    @Test
    void emptyAndHugePayloadsAreRefused() {
        assertThrows(MalformedEventException.class, () -> EventJson.read("", PasswordRequested.class));
        assertThrows(MalformedEventException.class, () -> EventJson.read("null", PasswordRequested.class));
        assertThrows(MalformedEventException.class,
                () -> EventJson.read("[" + "1,".repeat(40_000) + "1]", PasswordRequested.class));
    }
}
