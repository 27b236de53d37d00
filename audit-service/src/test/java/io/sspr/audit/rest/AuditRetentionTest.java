package io.sspr.audit.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sspr.audit.config.ChainConfig;
import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.persistence.AuditRecordRepository;
import io.sspr.audit.persistence.ChainStore;
import io.sspr.audit.service.ChainService;
import io.sspr.events.testing.DatabaseRoles;
import io.sspr.events.testing.StackTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention on the real PostgreSQL: records stored longer ago than sspr.audit.retention-days go, through the newest
 * checkpoint before the cut, and what is kept verifies from that checkpoint. Records are aged by the superuser (their
 * recorded_at moved 500 days back), as time would. It removes every record up to its own checkpoint, in the shared
 * database as in production.
 */
@QuarkusTest
@WithTestResource(AuditRealParts.class)
class AuditRetentionTest {
    @Inject
    AuditRecordRepository records;

    @Inject
    ChainService chain;

    @Inject
    ChainStore store;

    @Inject
    ChainConfig config;

    @Test
    void oldRecordsGoThroughTheLastCheckpointBeforeTheCutAndTheRestVerifiesFromIt() throws Exception {
        assertEquals(400, config.retentionDays(), "the default retention");
        List<AuditRecord> old = storeRecords(3);
        long cut = checkpoint();
        List<AuditRecord> kept = storeRecords(2);
        long newest = checkpoint();
        age(cut, Duration.ofDays(500));

        ChainStore.Purge purge = chain.purge(Duration.ofDays(config.retentionDays()));

        assertEquals(cut, purge.throughSequence());
        assertTrue(purge.purged() >= old.size());
        assertEquals(0, count("select count(*) from audit.audit_record where sequence <= " + cut));
        for (AuditRecord record : old) {
            assertEquals(0, count("select count(*) from audit.audit_record where id = '" + record.id + "'"));
        }
        for (AuditRecord record : kept) {
            assertEquals(1, count("select count(*) from audit.audit_record where id = '" + record.id + "'"));
        }
        JsonPath report = given().auth().oauth2(StackTokens.withGroups(List.of("auditor")))
                .get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertFalse(report.get("firstBrokenLink") != null, report.prettify());
        assertEquals(cut, report.getLong("startedFrom.sequence"), report.prettify());
        assertTrue(report.getLong("lastCheckpoint.sequence") >= newest, report.prettify());
        assertTrue(report.getLong("verified") >= kept.size(), report.prettify());

        assertEquals(new ChainStore.Purge(0, null), chain.purge(Duration.ofDays(config.retentionDays())),
                "nothing older is left");
    }

    /** Records stored less than 30 days ago stay, whatever cut the service asks for. */
    @Test
    void recentRecordsStayWhateverTheCut() throws Exception {
        AuditRecord recent = storeRecords(1).get(0);
        checkpoint();

        chain.purge(Duration.ofDays(-1));
        assertEquals(1, count("select count(*) from audit.audit_record where id = '" + recent.id + "'"));
    }

    private long checkpoint() {
        chain.checkpoint();
        return store.latestCheckpoint().orElseThrow().sequence();
    }

    private List<AuditRecord> storeRecords(int count) {
        List<AuditRecord> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditRecord record = new AuditRecord();
            record.id = UUID.randomUUID();
            record.category = "RetentionTest";
            record.correlationId = UUID.randomUUID();
            record.activityDateTime = Instant.now();
            record.activityDisplayName = "Retention test";
            record.loggedByService = "audit-service";
            record.operationType = "Add";
            record.result = "success";
            record.additionalDetails = new ArrayList<>(List.of(AuditDetail.of("stage", "test")));
            assertTrue(records.insertIfAbsent(record));
            stored.add(record);
        }
        return stored;
    }

    /** As if the records through {@code sequence} had been stored {@code by} earlier. */
    private static void age(long sequence, Duration by) throws SQLException {
        try (Connection admin = DatabaseRoles.connect(ChainTamper.superuser());
                PreparedStatement update = admin.prepareStatement("update audit.audit_record"
                        + " set recorded_at = recorded_at - make_interval(secs => ?) where sequence <= ?")) {
            update.setLong(1, by.toSeconds());
            update.setLong(2, sequence);
            update.executeUpdate();
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection admin = DatabaseRoles.connect(ChainTamper.superuser());
                PreparedStatement query = admin.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
