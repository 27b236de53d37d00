package io.sspr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sspr.events.messaging.UnprocessableEventException.Claims;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a refused event claims, for the audit record of its refusal. */
class EventClaimsTest {
    private static final UUID CORRELATION = UUID.fromString("2f1c8a5e-0d7b-4c38-9a62-3b0f4e6d5c21");

    @Test
    void aRequestClaimsItsUserAndTheActivityOfItsOperation() {
        Claims claims = EventClaims.of("{\"correlationId\":\"" + CORRELATION + "\",\"userKey\":\"k-1\","
                + "\"username\":\"alice\",\"operation\":\"RESET\"}");
        assertEquals(new Claims(CORRELATION, "k-1", "alice", AuditActivity.RESET_PASSWORD_SELF_SERVICE), claims);
    }

    @Test
    void anAuditEventClaimsItsTargetUserAndItsActivity() {
        Claims claims = EventClaims.of("{\"correlationId\":\"" + CORRELATION + "\",\"userKey\":\"k-2\","
                + "\"targetUser\":\"bob@example.test\",\"activity\":\"RESET_PASSWORD_BY_ADMIN\"}");
        assertEquals(new Claims(CORRELATION, "k-2", "bob@example.test", AuditActivity.RESET_PASSWORD_BY_ADMIN),
                claims);
    }

    @Test
    void whatIsNotANameOrActivityIsLeftOut() {
        Claims claims = EventClaims.of("{\"correlationId\":\"not-a-uuid\",\"username\":\"" + "x".repeat(300)
                + "\",\"activity\":\"DROP_TABLES\",\"operation\":7}");
        assertEquals(new Claims(null, null, null, null), claims);
        assertNull(EventClaims.of("[1,2]"));
        assertNull(EventClaims.of("not json"));
    }
}
