package io.sspr.audit.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.sspr.audit.chain.ChainHash;
import io.sspr.audit.chain.ChainJson;
import io.sspr.audit.chain.ChainedRecord;
import io.sspr.audit.chain.Checkpoint;
import io.sspr.audit.chain.CheckpointVerifier;
import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import io.sspr.audit.persistence.AuditRecordRepository;
import io.sspr.audit.persistence.ChainStore;
import io.sspr.audit.service.ChainService;
import io.sspr.audit.tools.VerifyExport;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.StackTokens;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hash chain on the real PostgreSQL: the trigger numbers and hashes every insert under concurrency, Java and the
 * trigger hash alike, and /verify names the first broken link when the superuser alters, deletes or inserts records
 * behind the service's back. Each test walks from a checkpoint it signed itself, so what other tests (or the stack)
 * stored before does not matter, and puts back what it tampered with.
 */
@QuarkusTest
@WithTestResource(AuditRealParts.class)
class AuditChainTest {
    private static final String VERIFY = "/api/v1/audit/verify";
    private static final String CHECKPOINTS = "/api/v1/audit/checkpoints";
    private static final String CHAIN = "/api/v1/audit/chain";

    @Inject
    AuditRecordRepository records;

    @Inject
    ChainService chain;

    @Inject
    ChainStore store;

    @Inject
    DataSource dataSource;

    @Test
    void concurrentInsertsAndRedeliveriesMakeOneGapFreeChain() throws Exception {
        long start = signedBaseline();
        List<AuditRecord> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(record("concurrent " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> consumers = new ArrayList<>();
            for (int consumer = 0; consumer < 8; consumer++) {
                List<AuditRecord> order = new ArrayList<>(events);
                Collections.shuffle(order);
                // every event arrives at every consumer: one of them stores it, the others find it stored
                consumers.add(() -> (int) order.stream().filter(records::insertIfAbsent).count());
            }
            int stored = 0;
            for (Future<Integer> result : pool.invokeAll(consumers)) {
                stored += result.get();
            }
            assertEquals(events.size(), stored, "each event stored exactly once");
        } finally {
            pool.shutdown();
        }

        Map<UUID, Long> numbers = sequencesOf(events);
        assertEquals(events.size(), Set.copyOf(numbers.values()).size(), "one number per record");
        JsonPath report = verify(start);
        assertIntact(report);
        assertTrue(report.getLong("verified") >= events.size());
    }

    /** The trigger (SQL) and ChainHash (Java) must agree on every shape a record can take. */
    @Test
    void javaAndTheDatabaseHashEveryShapeOfRecordAlike() throws Exception {
        long start = signedBaseline();
        List<AuditRecord> shapes = new ArrayList<>();
        AuditRecord nulls = record(null);
        nulls.initiatedByUpn = null;
        nulls.targetUserKey = null;
        nulls.targetUpn = null;
        nulls.additionalDetails = new ArrayList<>();
        shapes.add(nulls);
        AuditRecord empty = record("");
        empty.initiatedByUpn = "";
        empty.additionalDetails = new ArrayList<>(List.of(AuditDetail.of("", ""), AuditDetail.of("k", null)));
        shapes.add(empty);
        AuditRecord unicode = record("Zurücksetzen – 密码 – 😀 – \uFFFD – \"quoted\" \\ back\nslash");
        unicode.targetUpn = "jürgen@exämple.test";
        unicode.additionalDetails = new ArrayList<>(List.of(AuditDetail.of("ключ", "值 😀"),
                AuditDetail.of("b", "2"), AuditDetail.of("a", "1")));
        shapes.add(unicode);
        AuditRecord old = record("before 1970, to the nanosecond");
        old.activityDateTime = Instant.parse("1969-07-20T20:17:40.123456789Z");
        shapes.add(old);
        AuditRecord nul = record("nul \u0000 stored as U+FFFD");
        shapes.add(nul);
        AuditRecord longText = record("x".repeat(20_000));
        shapes.add(longText);
        for (AuditRecord shape : shapes) {
            assertTrue(records.insertIfAbsent(shape));
        }

        Set<UUID> ids = shapes.stream().map(r -> r.id).collect(Collectors.toSet());
        int checked = store.read(snapshot -> {
            int count = 0;
            for (Iterator<ChainedRecord> it = snapshot.recordsAfter(start); it.hasNext(); ) {
                ChainedRecord stored = it.next();
                if (ids.contains(stored.id())) {
                    assertEquals(stored.hash(), ChainHash.of(stored.sequence(), stored.previousHash(), stored),
                            "record " + stored.id() + " (" + stored.resultReason() + ")");
                    count++;
                }
            }
            return count;
        });
        assertEquals(shapes.size(), checked);
        assertIntact(verify(start));
    }

    @Test
    void anAlteredRecordIsReportedAsAltered() throws Exception {
        long start = signedBaseline();
        long target = sequencesOf(storeRecords(5)).values().stream().sorted().skip(2).findFirst().orElseThrow();
        try (AutoCloseable held = ChainTamper.holdHead(); ChainTamper tamper = ChainTamper.asSuperuser()) {
            String before = tamper.reasonOf(target);
            tamper.setReason(target, "nothing happened here");
            assertBroken(start, target, "altered");
            tamper.setReason(target, before);
        }
        assertIntact(verify(start));
    }

    @Test
    void aDeletedRecordIsReportedAsMissing() throws Exception {
        long start = signedBaseline();
        long target = sequencesOf(storeRecords(5)).values().stream().sorted().skip(2).findFirst().orElseThrow();
        try (AutoCloseable held = ChainTamper.holdHead(); ChainTamper tamper = ChainTamper.asSuperuser()) {
            String row = tamper.delete(target);
            assertBroken(start, target, "missing");
            tamper.putBack(row);
        }
        assertIntact(verify(start));
    }

    @Test
    void anInsertedRecordIsReportedAsInsertedInTheMiddleAndBeyondTheHead() throws Exception {
        long start = signedBaseline();
        long target = sequencesOf(storeRecords(5)).values().stream().sorted().skip(2).findFirst().orElseThrow();
        try (AutoCloseable held = ChainTamper.holdHead(); ChainTamper tamper = ChainTamper.asSuperuser()) {
            tamper.slipIn(target);
            assertBroken(start, target, "inserted");
            tamper.undoSlipIn(target);
            assertIntact(verify(start));

            long beyond = tamper.appendBeyondHead();
            assertBroken(start, beyond, "inserted");
            tamper.undoAppend(beyond);
        }
        assertIntact(verify(start));
    }

    /** The superuser can recompute every hash after a change; the signed checkpoint still tells. */
    @Test
    void aRewrittenChainIsReportedAtTheCheckpointItContradicts() throws Exception {
        long start = signedBaseline();
        long target = sequencesOf(storeRecords(3)).values().stream().sorted().findFirst().orElseThrow();
        long signed = signedBaseline();
        try (ChainTamper tamper = ChainTamper.asSuperuser()) {
            String before = tamper.reasonOf(target);
            tamper.rewriteReason(target, "unchanged, honestly");
            JsonPath report = verify(start);
            assertEquals(signed, report.getLong("firstBrokenLink.sequence"), report.prettify());
            assertEquals("altered", report.getString("firstBrokenLink.reason"));
            tamper.rewriteReason(target, before);
        }
        assertIntact(verify(start));
    }

    @Test
    void checkpointsAreSignedWithTheServicesOwnKey() throws Exception {
        storeRecords(2);
        Checkpoint checkpoint;
        try (AutoCloseable held = ChainTamper.holdHead()) {
            checkpoint = chain.checkpoint().orElseThrow();
            assertTrue(chain.checkpoint().isEmpty(), "a head already signed is not signed again");
        }
        JsonPath page = auditor().queryParam("fromSequence", checkpoint.sequence()).get(CHECKPOINTS).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(checkpoint.sequence(), page.getLong("value[0].sequence"));
        assertEquals(checkpoint.hash(), page.getString("value[0].hash"));
        Checkpoint served = new Checkpoint(page.getLong("value[0].sequence"), page.getString("value[0].hash"),
                Instant.parse(page.getString("value[0].createdAt")), page.getString("value[0].signature"));
        // as an auditor checks it: with the public keyset every holder of the audit service's key has in trusted/
        assertTrue(new CheckpointVerifier(Keysets.readPublic(publicKeyset())).verifies(served));
    }

    @Test
    void anExportVerifiesOfflineAndAnEditedExportDoesNot() throws Exception {
        long start = signedBaseline();
        List<AuditRecord> stored = storeRecords(4);
        signedBaseline();
        Path dir = Files.createTempDirectory("audit-export");
        Path export = dir.resolve("chain.jsonl");
        Path checkpoints = dir.resolve("checkpoints.json");
        Files.write(export, auditor().queryParam("fromSequence", start).get(CHAIN).then().statusCode(200)
                .header("Content-Type", startsWith(ChainJson.MEDIA_TYPE)).extract().asByteArray());
        Files.write(checkpoints, auditor().get(CHECKPOINTS).then().statusCode(200).extract().asByteArray());

        String[] args = {export.toString(), checkpoints.toString(), publicKeyset().toString()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = runVerifyExport(args, out);
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        JsonPath report = new JsonPath(out.toString(StandardCharsets.UTF_8));
        assertEquals(start, report.getLong("startedFrom.sequence"));
        assertTrue(report.getLong("verified") >= stored.size());

        // one field of one record edited in the export
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        UUID edited = stored.get(1).id;
        long editedSequence = -1;
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode line = (ObjectNode) ChainJson.mapper().readTree(lines.get(i));
            if (line.get("id").asText().equals(edited.toString())) {
                line.put("result", "failure");
                editedSequence = line.get("sequence").asLong();
                lines.set(i, line.toString());
            }
        }
        Files.write(export, lines);
        out.reset();
        assertEquals(1, runVerifyExport(args, out));
        report = new JsonPath(out.toString(StandardCharsets.UTF_8));
        assertEquals(editedSequence, report.getLong("firstBrokenLink.sequence"));
        assertEquals("altered", report.getString("firstBrokenLink.reason"));
    }

    @Test
    void badStartsAreRefusedWithTheReason() {
        auditor().queryParam("fromSequence", "-1").get(VERIFY).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("message", equalTo("fromSequence must be a whole number from 0."));
        auditor().queryParam("fromSequence", "ten").get(CHAIN).then().statusCode(400);
        long unsigned = store.head().orElseThrow().sequence() + 1_000_000;
        auditor().queryParam("fromSequence", unsigned).get(VERIFY).then().statusCode(400)
                .body("message", equalTo("fromSequence " + unsigned + " is neither 0 nor the sequence of a checkpoint"
                        + " whose signature verifies."));
        auditor().queryParam("fromSequence", unsigned).get(CHAIN).then().statusCode(400);
    }

    @Test
    void onlyAuditorsMayVerifyOrExport() {
        for (String path : List.of(VERIFY, CHECKPOINTS, CHAIN)) {
            given().get(path).then().statusCode(401).body("code", equalTo("INVALID_REQUEST"));
            given().auth().oauth2(AuditTokens.forGroups(List.of("helpdesk"))).get(path).then().statusCode(403)
                    .body("code", equalTo("ACCESS_DENIED"));
        }
    }

    /** Stores a record and signs the head: a start for /verify that no earlier test's leftovers precede. */
    private long signedBaseline() {
        storeRecords(1);
        chain.checkpoint();
        return store.latestCheckpoint().orElseThrow().sequence();
    }

    private List<AuditRecord> storeRecords(int count) {
        List<AuditRecord> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditRecord record = record("chain test " + i);
            assertTrue(records.insertIfAbsent(record));
            stored.add(record);
        }
        return stored;
    }

    private static AuditRecord record(String reason) {
        AuditRecord record = new AuditRecord();
        record.id = UUID.randomUUID();
        record.category = "ChainTest";
        record.correlationId = UUID.randomUUID();
        record.activityDateTime = Instant.now();
        record.activityDisplayName = "Chain test";
        record.loggedByService = "audit-service";
        record.operationType = "Add";
        record.result = "success";
        record.resultReason = reason;
        record.initiatedByUpn = "tester@example.test";
        record.targetUserKey = "chain-test";
        record.targetUpn = "chain-test";
        record.additionalDetails = new ArrayList<>(List.of(AuditDetail.of("stage", "test")));
        return record;
    }

    private Map<UUID, Long> sequencesOf(List<AuditRecord> stored) throws SQLException {
        Map<UUID, Long> numbers = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select id, sequence from audit.audit_record where id = any(?)")) {
            query.setArray(1, connection.createArrayOf("uuid", stored.stream().map(r -> r.id).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    numbers.put(rows.getObject(1, UUID.class), rows.getLong(2));
                }
            }
        }
        assertEquals(stored.size(), numbers.size(), "every record has a number");
        return numbers;
    }

    private static JsonPath verify(long from) {
        return auditor().queryParam("fromSequence", from).get(VERIFY).then().statusCode(200).extract().jsonPath();
    }

    private static void assertBroken(long from, long sequence, String reason) {
        JsonPath report = verify(from);
        assertNotNull(report.get("firstBrokenLink"), report.prettify());
        assertEquals(sequence, report.getLong("firstBrokenLink.sequence"), report.prettify());
        assertEquals(reason, report.getString("firstBrokenLink.reason"), report.prettify());
    }

    /** The walk found nothing broken (the report is printed when it did). */
    private static void assertIntact(JsonPath report) {
        assertFalse(report.get("firstBrokenLink") != null, report.prettify());
    }

    private static Path publicKeyset() {
        return Keysets.keysDir(Path.of(RealParts.env("SSPR_SECRETS_DIR")), "audit-service")
                .resolve(KeyHolders.trusted("audit-service"));
    }

    private static int runVerifyExport(String[] args, ByteArrayOutputStream out) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return VerifyExport.run(args, print, print);
    }

    private static RequestSpecification auditor() {
        return given().auth().oauth2(StackTokens.withGroups(List.of("auditor")));
    }
}
