package io.sspr.audit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.rest.AuditRecordResponse.AppIdentity;
import io.sspr.audit.rest.AuditRecordResponse.TargetResource;
import io.sspr.audit.rest.AuditRecordResponse.UserIdentity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditRecordResponseTest {

    @Test
    void aPersonsRecordNamesTheUserWhoStartedItAndTheUserItConcerns() {
        AuditRecordResponse response = AuditRecordResponse.of(record("helpdesk@example.test", "jdoe@example.test"));
        assertEquals(new UserIdentity("helpdesk@example.test"), response.initiatedBy().user());
        assertNull(response.initiatedBy().app());
        assertEquals(List.of(new TargetResource("User", "jdoe@example.test")), response.targetResources());
    }

    @Test
    void aRecordNoPersonStartedNamesTheServiceAsTheAppAndOneWithoutAUserHasNoTarget() {
        for (String nobody : new String[] {null, " "}) {
            AuditRecordResponse response = AuditRecordResponse.of(record(nobody, nobody));
            assertNull(response.initiatedBy().user());
            assertEquals(new AppIdentity("audit-service"), response.initiatedBy().app());
            assertEquals(List.of(), response.targetResources());
        }
    }

    private static AuditRecord record(String initiator, String target) {
        AuditRecord record = new AuditRecord();
        record.id = UUID.randomUUID();
        record.category = "Self-service Password Management";
        record.correlationId = UUID.randomUUID();
        record.activityDateTime = Instant.parse("2026-12-01T10:00:00Z");
        record.activityDisplayName = "Self-service password reset flow activity progress";
        record.loggedByService = "audit-service";
        record.operationType = "Update";
        record.result = "failure";
        record.resultReason = "signature invalid";
        record.initiatedByUpn = initiator;
        record.targetUpn = target;
        return record;
    }
}
