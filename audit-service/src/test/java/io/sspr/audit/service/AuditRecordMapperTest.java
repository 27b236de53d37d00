package io.sspr.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.SsprEvent;
import io.sspr.events.Violation;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRecordMapperTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final UUID CORRELATION = UUID.randomUUID();

    @Test
    void aRequestIsASubmittedRecordWithoutItsSealedPasswords() throws Exception {
        PasswordRequested event = new PasswordRequested(UUID.randomUUID(), CORRELATION, NOW, NOW.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, Operation.RESET, "guid-1", "jdoe", null, "SEALED-NEW", "SEALED-CHECK",
                "jdoe@example.test", false, null, null);

        AuditRecord record = AuditRecordMapper.fromRequested(event);

        assertEquals(event.eventId(), record.id);
        assertEquals(AuditActivity.CATEGORY, record.category);
        assertEquals("Reset password (self-service)", record.activityDisplayName);
        assertEquals("success", record.result);
        assertEquals("Request submitted", record.resultReason);
        assertEquals("jdoe@example.test", record.initiatedByUpn);
        assertEquals("guid-1", record.targetUserKey);
        assertEquals("jdoe", record.targetUpn);
        assertEquals(NOW, record.activityDateTime);
        assertEquals(List.of(AuditDetail.of("stage", "requested")), record.additionalDetails);
        for (Field field : AuditRecord.class.getFields()) {
            assertFalse(String.valueOf(field.get(record)).contains("SEALED"), field.getName() + " holds a sealed value");
        }
    }

    @ParameterizedTest
    @CsvSource({"SUCCEEDED,success", "REJECTED,failure", "FAILED,failure", "EXPIRED,timeout"})
    void aResultStatusMapsToGraphResult(RequestStatus status, String result) {
        PasswordResult event = new PasswordResult(UUID.randomUUID(), CORRELATION, NOW, SsprEvent.SCHEMA_VERSION,
                Operation.CHANGE, "guid-1", "jdoe", status, ResultCode.INTERNAL_ERROR, "msg", List.of(), "worker");
        assertEquals(result, AuditRecordMapper.fromResult(event, null).result);
    }

    @Test
    void aResultCarriesCodeMessageAndViolations() {
        PasswordResult event = PasswordResult.unsuccessful(CORRELATION, Operation.ADMIN_RESET, "guid-1", "jdoe",
                RequestStatus.REJECTED, List.of(new Violation(ResultCode.PASSWORD_TOO_SHORT, "At least 12."),
                        Violation.of(ResultCode.PASSWORD_IN_HISTORY)), "policy-validator", NOW);

        AuditRecord record = AuditRecordMapper.fromResult(event, null);

        assertEquals("Reset password (by admin)", record.activityDisplayName);
        assertEquals("PASSWORD_TOO_SHORT: At least 12.", record.resultReason);
        assertEquals("policy-validator", record.loggedByService);
        assertNull(record.initiatedByUpn, "an admin reset's initiator is known only from the request");
        assertEquals(List.of(AuditDetail.of("stage", "result"), AuditDetail.of("status", "REJECTED"),
                AuditDetail.of("code", "PASSWORD_TOO_SHORT"),
                AuditDetail.of("violations", "PASSWORD_TOO_SHORT,PASSWORD_IN_HISTORY")), record.additionalDetails);
        assertEquals("helpdesk@example.test", AuditRecordMapper.fromResult(event, "helpdesk@example.test").initiatedByUpn);
    }

    @Test
    void anAuditEventKeepsItsOwnActivityResultAndSortedDetails() {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), CORRELATION, NOW, SsprEvent.SCHEMA_VERSION, "guid-1",
                AuditActivity.USER_REGISTERED, AuditResult.success, "Registered", "jdoe", "jdoe", "reset-portal",
                Map.of("method", "totp", "count", "1"));

        AuditRecord record = AuditRecordMapper.fromAuditEvent(event);

        assertEquals("User registered for self-service password reset", record.activityDisplayName);
        assertEquals("Add", record.operationType);
        assertEquals("success", record.result);
        assertEquals("Registered", record.resultReason);
        assertEquals("reset-portal", record.loggedByService);
        assertEquals(List.of(AuditDetail.of("count", "1"), AuditDetail.of("method", "totp")), record.additionalDetails);
    }
}
