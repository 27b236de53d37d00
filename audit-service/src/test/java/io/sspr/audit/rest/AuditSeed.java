package io.sspr.audit.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.path.json.JsonPath;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.AuditEvent.AuditResult;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Audit events for the query tests, sent through the real Kafka as their producers sign them, and awaited. */
public final class AuditSeed {
    public static final String EVENTS = AuditRecordResource.EVENTS;

    private AuditSeed() {
    }

    /** A unique user name for one test's records, in mixed case (the filter ignores case). */
    public static String user(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "@Example.test";
    }

    public static AuditEvent event(String targetUser, Instant at, AuditActivity activity, AuditResult result,
            String reason, String initiatedBy, UUID correlationId) {
        return new AuditEvent(UUID.randomUUID(), correlationId, at, SsprEvent.SCHEMA_VERSION, targetUser, activity,
                result, reason, initiatedBy, targetUser, "reset-portal", Map.of("seed", "query-test"));
    }

    public static AuditEvent event(String targetUser, Instant at) {
        return event(targetUser, at, AuditActivity.FLOW_ACTIVITY_PROGRESS, AuditResult.success, "seeded", null,
                UUID.randomUUID());
    }

    /** Sends every event (one producer, in order) and waits until the service has stored them all. */
    public static void store(List<AuditEvent> events) throws Exception {
        try (KafkaProducer<String, String> producer = TestKafka.producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (AuditEvent event : events) {
                sent.add(producer.send(SignedRecords.byItsProducer(Topics.AUDIT_EVENTS, event)));
            }
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        }
        List<String> users = events.stream().map(AuditEvent::targetUser).distinct().toList();
        for (String user : users) {
            long expected = events.stream().filter(e -> e.targetUser().equals(user)).count();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> count(user)
                    >= expected);
        }
    }

    /** The audit record of an audited answer: the only record of the correlation id its header names. */
    public static JsonPath readRecord(io.restassured.response.Response answer) {
        String correlation = answer.header(ReadAuditFilter.CORRELATION_HEADER);
        assertNotNull(correlation, "every audited answer names its audit record's correlation id");
        JsonPath timeline = given().auth().oauth2(AuditTokens.auditor()).get(EVENTS + "/" + correlation + "/timeline")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, timeline.getList("value").size());
        return timeline.setRootPath("value[0]");
    }

    /** A record's additionalDetails as a map. */
    public static Map<String, String> details(JsonPath record) {
        List<Map<String, String>> details = record.getList("additionalDetails");
        return details.stream().collect(Collectors.toMap(d -> d.get("key"), d -> d.get("value")));
    }

    /** How many records the API finds for the user (up to 1000). */
    public static int count(String targetUser) {
        return given().auth().oauth2(AuditTokens.auditor()).queryParam("targetUser", targetUser)
                .queryParam("limit", "1000").get(EVENTS).then().statusCode(200).extract().jsonPath().getList("value")
                .size();
    }
}
