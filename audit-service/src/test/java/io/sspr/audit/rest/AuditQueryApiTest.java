package io.sspr.audit.rest;

import static io.restassured.RestAssured.given;
import static io.sspr.audit.rest.AuditSeed.EVENTS;
import static io.sspr.audit.rest.AuditSeed.event;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.sspr.audit.service.ReadAuditor;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.AuditEvent.AuditResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The auditors' query API against the real PostgreSQL and Kafka: filters, keyset pages, the CSV export, the timeline,
 * the token's issuer, audience and age, and the audit of every read and refusal.
 */
@QuarkusTest
@WithTestResource(AuditRealParts.class)
class AuditQueryApiTest {

    @Test
    void eachFilterSelectsItsRecordsNewestFirst() throws Exception {
        String user = AuditSeed.user("audit-filter");
        String helpdesk = AuditSeed.user("helpdesk");
        Instant t = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        UUID correlation = UUID.randomUUID();
        AuditEvent blocked = event(user, t, AuditActivity.BLOCKED_FROM_SSPR, AuditResult.failure, "blocked", helpdesk,
                UUID.randomUUID());
        AuditEvent registered = event(user, t.plusSeconds(10), AuditActivity.USER_REGISTERED, AuditResult.success,
                "registered", user, correlation);
        AuditEvent expired = event(user, t.plusSeconds(20), AuditActivity.RESET_PASSWORD_SELF_SERVICE,
                AuditResult.timeout, "expired", user, correlation);
        AuditEvent reset = event(user, t.plusSeconds(30), AuditActivity.RESET_PASSWORD_BY_ADMIN, AuditResult.success,
                "reset", helpdesk, UUID.randomUUID());
        AuditSeed.store(List.of(blocked, registered, expired, reset));

        assertEquals(ids(reset, expired, registered, blocked), found(Map.of("targetUser", user.toLowerCase())));
        assertEquals(ids(reset, expired, registered, blocked), found(Map.of("targetUser", user,
                "category", AuditActivity.CATEGORY)));
        assertEquals(List.of(), found(Map.of("targetUser", user, "category", ReadAuditor.CATEGORY)));
        assertEquals(ids(blocked), found(Map.of("targetUser", user,
                "activity", AuditActivity.BLOCKED_FROM_SSPR.displayName())));
        assertEquals(ids(reset, registered), found(Map.of("targetUser", user, "result", "success")));
        assertEquals(ids(expired), found(Map.of("targetUser", user, "result", "timeout")));
        assertEquals(ids(reset, blocked), found(Map.of("targetUser", user, "initiatedBy", helpdesk.toUpperCase())));
        assertEquals(ids(expired, registered), found(Map.of("correlationId", correlation.toString())));
        // from is inclusive, to exclusive; an offset other than Z means the same instant
        assertEquals(ids(expired, registered), found(Map.of("targetUser", user,
                "from", t.plusSeconds(10).toString(), "to", t.plusSeconds(30).toString())));
        assertEquals(ids(reset, expired), found(Map.of("targetUser", user,
                "from", t.plusSeconds(20).atOffset(ZoneOffset.ofHours(2)).toString())));
        assertEquals(ids(registered, blocked), found(Map.of("targetUser", user, "to", t.plusSeconds(11).toString())));
        assertEquals(ids(registered), found(Map.of("targetUser", user, "initiatedBy", user, "result", "success",
                "to", t.plusSeconds(20).toString())));

        JsonPath page = auditor().queryParam("targetUser", user).queryParam("limit", "10").get(EVENTS).then()
                .statusCode(200).body("nextLink", nullValue()).extract().jsonPath();
        assertEquals(reset.eventId().toString(), page.getString("value[0].id"));
        assertEquals("reset", page.getString("value[0].resultReason"));
        assertEquals(helpdesk, page.getString("value[0].initiatedBy.user.userPrincipalName"));
        assertEquals(user, page.getString("value[0].targetResources[0].userPrincipalName"));
    }

    static Stream<Arguments> malformedFilters() {
        return Stream.of(
                Arguments.of("from", "yesterday", "from must be an ISO-8601 instant with an offset, such as "
                        + "2026-01-31T00:00:00Z."),
                Arguments.of("from", "2026-01-31T00:00:00", "from must be an ISO-8601 instant with an offset, such as "
                        + "2026-01-31T00:00:00Z."),
                Arguments.of("to", "2026-13-01T00:00:00Z", "to must be an ISO-8601 instant with an offset, such as "
                        + "2026-01-31T00:00:00Z."),
                Arguments.of("from", "+999999999-12-31T23:59:59Z", "from must be between 0001-01-01T00:00:00Z and "
                        + "9999-12-31T23:59:59Z."),
                Arguments.of("to", "-0001-01-01T00:00:00Z", "to must be between 0001-01-01T00:00:00Z and "
                        + "9999-12-31T23:59:59Z."),
                Arguments.of("category", "Self\u0000service", "category must not contain control characters."),
                Arguments.of("activity", "x".repeat(257), "activity must be at most 256 characters."),
                Arguments.of("result", "unknownFutureValue", "result must be success, failure or timeout."),
                Arguments.of("targetUser", "jdoe\nadmin", "targetUser must not contain control characters."),
                Arguments.of("initiatedBy", "a\u0007b", "initiatedBy must not contain control characters."),
                Arguments.of("correlationId", "not-a-uuid", "correlationId must be a UUID."),
                Arguments.of("limit", "0", "limit must be a whole number from 1 to 1000."),
                Arguments.of("limit", "1001", "limit must be a whole number from 1 to 1000."),
                Arguments.of("limit", "ten", "limit must be a whole number from 1 to 1000."),
                Arguments.of("cursor", "not-a-cursor", "cursor is not one this service gave out: follow nextLink, "
                        + "or start again without a cursor."));
    }

    @ParameterizedTest
    @MethodSource("malformedFilters")
    void aMalformedFilterIsA400WithItsReasonAndTheAttemptIsAudited(String name, String value, String reason) {
        Response refused = auditor().queryParam(name, value).get(EVENTS);
        refused.then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("message", equalTo(reason));
        JsonPath read = readRecord(refused);
        assertEquals("failure", read.getString("result"));
        assertEquals("Invalid query: " + reason, read.getString("resultReason"));
        auditor().accept("text/csv").queryParam(name, value).get(EVENTS).then().statusCode(400)
                .body("message", equalTo(reason));
    }

    @Test
    void fromAfterToIsA400() {
        auditor().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get(EVENTS)
                .then().statusCode(400).body("message", equalTo("from must be before to."));
    }

    /**
     * 25 records in five groups that share their activityDateTime, read four at a time (so pages split the groups,
     * and only the id orders them), while newer records arrive between the pages: every record comes once, in order.
     */
    @Test
    void cursorPagesSeeEveryRecordOnceWhileNewRecordsArrive() throws Exception {
        String user = AuditSeed.user("audit-paging");
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<AuditEvent> seeded = new ArrayList<>();
        for (int group = 0; group < 5; group++) {
            for (int i = 0; i < 5; i++) {
                seeded.add(event(user, base.plusSeconds(group)));
            }
        }
        AuditSeed.store(seeded);
        List<String> expected = seeded.stream()
                .sorted(Comparator.comparing((AuditEvent e) -> e.occurredAt())
                        .thenComparing(e -> e.eventId().toString()).reversed())
                .map(e -> e.eventId().toString()).toList();

        List<String> seen = new ArrayList<>();
        String link = EVENTS + "?targetUser=" + user + "&limit=4";
        int pages = 0;
        List<AuditEvent> arrivals = new ArrayList<>();
        while (link != null) {
            JsonPath page = auditor().urlEncodingEnabled(false).get(link).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("value.id", String.class));
            link = page.getString("nextLink");
            if (link != null) {
                assertTrue(link.startsWith(EVENTS + "?targetUser="), link);
                assertTrue(link.contains("&limit=4&cursor="), link);
            }
            pages++;
            if (pages <= 2) { // newer records arrive meanwhile
                AuditEvent newer = event(user, Instant.now());
                arrivals.add(newer);
                AuditSeed.store(List.of(newer));
            }
        }
        assertEquals(7, pages);
        assertEquals(expected, seen, "every record once, newest first, ties by id");
        assertEquals(25, new HashSet<>(seen).size());

        List<String> fresh = auditor().queryParam("targetUser", user).queryParam("limit", "4").get(EVENTS).then()
                .statusCode(200).extract().jsonPath().getList("value.id", String.class);
        assertEquals(arrivals.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet()),
                new HashSet<>(fresh.subList(0, 2)), "a new first page starts with what arrived");
    }

    @Test
    void csvIsTheSameQueryQuotedByTheLibraryAndSafeForSpreadsheets() throws Exception {
        String user = AuditSeed.user("audit-csv");
        Instant t = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        String formula = "=HYPERLINK(\"http://attacker.test\",\"click\")";
        String awkward = "a, \"quoted\"\r\nsecond line";
        AuditEvent evil = event(user, t, AuditActivity.BLOCKED_FROM_SSPR, AuditResult.failure, formula,
                "@SUM(1+1)", UUID.randomUUID());
        AuditEvent odd = event(user, t.plusSeconds(1), AuditActivity.USER_REGISTERED, AuditResult.success, awkward,
                "-2+3", UUID.randomUUID());
        AuditEvent plain = event(user, t.plusSeconds(2));
        AuditSeed.store(List.of(evil, odd, plain));

        Response csv = auditor().accept("text/csv").queryParam("targetUser", user).get(EVENTS);
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"audit-records.csv\"");
        List<String[]> rows = AuditRecordCsvTest.read(csv.asString());
        assertEquals(AuditRecordCsv.COLUMNS, List.of(rows.get(0)));
        assertEquals(4, rows.size());
        List<String> json = found(Map.of("targetUser", user));
        assertEquals(json, rows.subList(1, 4).stream().map(row -> row[0]).toList(), "the same records, same order");
        Map<String, String[]> byId = rows.subList(1, 4).stream().collect(Collectors.toMap(row -> row[0], row -> row));
        int reason = AuditRecordCsv.COLUMNS.indexOf("resultReason");
        int initiator = AuditRecordCsv.COLUMNS.indexOf("initiatedBy");
        assertEquals("'" + formula, byId.get(evil.eventId().toString())[reason]);
        assertEquals("'@SUM(1+1)", byId.get(evil.eventId().toString())[initiator]);
        assertEquals(awkward, byId.get(odd.eventId().toString())[reason]);
        assertEquals("'-2+3", byId.get(odd.eventId().toString())[initiator]);
        assertEquals(user, byId.get(plain.eventId().toString())[AuditRecordCsv.COLUMNS.indexOf("targetUser")]);
        assertEquals(t.toString(), byId.get(evil.eventId().toString())[1]);
        assertTrue(csv.asString().contains("\r\n"), "RFC 4180 line ends");

        List<String[]> limited = AuditRecordCsvTest.read(auditor().accept("text/csv").queryParam("targetUser", user)
                .queryParam("limit", "2").get(EVENTS).then().statusCode(200).extract().asString());
        assertEquals(3, limited.size(), "a header and two records");
        // a client that takes anything gets JSON
        auditor().accept("*/*").queryParam("targetUser", user).get(EVENTS).then().statusCode(200)
                .contentType(startsWith("application/json"));
        auditor().accept("text/html").get(EVENTS).then().statusCode(406);
    }

    @Test
    void theTimelineListsOneCorrelationOldestFirstInPages() throws Exception {
        String user = AuditSeed.user("audit-timeline");
        UUID correlation = UUID.randomUUID();
        Instant t = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MILLIS);
        AuditEvent second = event(user, t.plusSeconds(5), AuditActivity.FLOW_ACTIVITY_PROGRESS, AuditResult.success,
                "codes", user, correlation);
        AuditEvent first = event(user, t, AuditActivity.FLOW_ACTIVITY_PROGRESS, AuditResult.success, "started", user,
                correlation);
        AuditEvent third = event(user, t.plusSeconds(9), AuditActivity.RESET_PASSWORD_SELF_SERVICE,
                AuditResult.success, "done", user, correlation);
        AuditEvent other = event(user, t.plusSeconds(7));
        AuditSeed.store(List.of(third, second, other, first));

        String timeline = EVENTS + "/" + correlation + "/timeline";
        JsonPath all = auditor().get(timeline).then().statusCode(200).body("nextLink", nullValue()).extract()
                .jsonPath();
        assertEquals(ids(first, second, third), all.getList("value.id", String.class));

        JsonPath page = auditor().queryParam("limit", "2").get(timeline).then().statusCode(200)
                .body("nextLink", notNullValue()).extract().jsonPath();
        assertEquals(ids(first, second), page.getList("value.id", String.class));
        String next = page.getString("nextLink");
        assertTrue(next.startsWith(timeline + "?limit=2&cursor="), next);
        assertEquals(ids(third), auditor().urlEncodingEnabled(false).get(next).then().statusCode(200)
                .body("nextLink", nullValue()).extract().jsonPath().getList("value.id", String.class));

        auditor().get(EVENTS + "/not-a-uuid/timeline").then().statusCode(400)
                .body("message", equalTo("correlationId must be a UUID."));
        auditor().get(EVENTS + "/" + UUID.randomUUID() + "/timeline").then().statusCode(200)
                .body("value.size()", equalTo(0));
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no token", (Supplier<String>) () -> null, "none"),
                Arguments.of("not a token", (Supplier<String>) () -> "garbage", "refused"),
                Arguments.of("no audience", (Supplier<String>) () -> AuditTokens.auditorFor(null), "refused"),
                Arguments.of("another service's audience",
                        (Supplier<String>) () -> AuditTokens.auditorFor("sspr-worker"), "refused"),
                Arguments.of("issued two hours ago", (Supplier<String>) () -> AuditTokens.auditorIssuedAgo(
                        Duration.ofHours(2)), "refused"),
                Arguments.of("expired", (Supplier<String>) AuditTokens::expiredAuditor, "refused"),
                Arguments.of("another issuer", (Supplier<String>) () -> AuditTokens.auditorFromIssuer(
                        "urn:someone:else"), "refused"),
                Arguments.of("signed by a stranger", (Supplier<String>) () -> {
                    try {
                        return AuditTokens.auditorSignedByStranger();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenThatDoesNotVerifyIsA401AndTheRefusalIsAudited(String kind, Supplier<String> token, String seen) {
        RequestSpecification request = given();
        String raw = token.get();
        if (raw != null) {
            request = request.auth().oauth2(raw);
        }
        Response refused = request.queryParam("result", "failure").get(EVENTS);
        refused.then().statusCode(401).header("WWW-Authenticate", "Bearer").body("code", equalTo("INVALID_REQUEST"));

        JsonPath read = readRecord(refused);
        assertEquals(Reader.ANONYMOUS, read.getString("initiatedBy.user.userPrincipalName"));
        assertEquals("failure", read.getString("result"));
        assertEquals("Refused: A valid bearer token is required to read the audit log.",
                read.getString("resultReason"));
        Map<String, String> details = details(read);
        assertEquals(seen, details.get("token"));
        assertEquals("401", details.get("status"));
        assertEquals("failure", details.get("result"));
        assertEquals("GET " + EVENTS, details.get("request"));
    }

    @Test
    void aYoungEnoughTokenIsTaken() {
        given().auth().oauth2(AuditTokens.auditorIssuedAgo(Duration.ofMinutes(30))).queryParam("limit", "1")
                .get(EVENTS).then().statusCode(200);
    }

    @Test
    void aTokenWithoutTheAuditorGroupIsA403AndTheRefusalIsAudited() {
        Response refused = given().auth().oauth2(AuditTokens.forGroups(List.of("helpdesk")))
                .get(EVENTS + "/" + UUID.randomUUID() + "/timeline");
        refused.then().statusCode(403).body("code", equalTo("ACCESS_DENIED"));
        JsonPath read = readRecord(refused);
        assertEquals(AuditTokens.UPN, read.getString("initiatedBy.user.userPrincipalName"));
        assertEquals("Refused: Only members of the auditor group may read the audit log.",
                read.getString("resultReason"));
        Map<String, String> details = details(read);
        assertEquals("verified", details.get("token"));
        assertEquals("test-helpdesk", details.get("subject"));
        assertNotNull(details.get("correlationId"));
    }

    @Test
    void everyReadIsAuditedWithWhoAndTheFiltersButNotTheRecords() throws Exception {
        String user = AuditSeed.user("audit-read");
        AuditEvent seeded = event(user, Instant.now().minusSeconds(60));
        AuditSeed.store(List.of(seeded));
        String subject = "auditor-" + UUID.randomUUID();
        String token = AuditTokens.auditorWithSubject(subject, "alice.auditor@example.test");

        Response read = given().auth().oauth2(token).queryParam("targetUser", user).queryParam("result", "success")
                .queryParam("limit", "5").get(EVENTS);
        read.then().statusCode(200).body("value.id", hasItem(seeded.eventId().toString()));
        JsonPath record = readRecord(read);
        assertEquals(ReadAuditor.CATEGORY, record.getString("category"));
        assertEquals(ReadAuditor.ACTIVITY, record.getString("activityDisplayName"));
        assertEquals("audit-service", record.getString("loggedByService"));
        assertEquals("Read", record.getString("operationType"));
        assertEquals("success", record.getString("result"));
        assertEquals("Read", record.getString("resultReason"));
        assertEquals("alice.auditor@example.test", record.getString("initiatedBy.user.userPrincipalName"));
        Map<String, String> details = details(record);
        assertEquals(subject, details.get("subject"));
        assertEquals("verified", details.get("token"));
        assertEquals("json", details.get("format"));
        assertEquals(user, details.get("targetUser"));
        assertEquals("success", details.get("result"));
        assertEquals("5", details.get("limit"));
        assertNotNull(details.get("clientAddress"));
        assertFalse(record.prettify().contains(seeded.eventId().toString()), "the answer is not in the audit");

        Response csv = given().auth().oauth2(token).accept("text/csv").queryParam("targetUser", user).get(EVENTS);
        csv.then().statusCode(200);
        assertEquals("csv", details(readRecord(csv)).get("format"));
        assertFalse(readRecord(csv).prettify().contains(seeded.eventId().toString()));

        // the reads are found like any record
        given().auth().oauth2(token).queryParam("initiatedBy", "alice.auditor@example.test")
                .queryParam("activity", ReadAuditor.ACTIVITY).get(EVENTS).then().statusCode(200)
                .body("value.correlationId", hasItem(read.header(ReadAuditFilter.CORRELATION_HEADER)))
                .body("value.correlationId", hasItem(csv.header(ReadAuditFilter.CORRELATION_HEADER)));
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        List<String> parameters = api.getList("paths.'/api/v1/audit/events'.get.parameters.name", String.class);
        assertEquals(new HashSet<>(AuditQueryParams.NAMES), new HashSet<>(parameters));
        Map<String, Object> content = api.getMap("paths.'/api/v1/audit/events'.get.responses.'200'.content");
        assertEquals(Set.of("application/json", "text/csv"), content.keySet());
        assertNotNull(api.get("paths.'/api/v1/audit/events/{correlationId}/timeline'.get"));
        assertNotNull(api.get("paths.'/api/v1/audit/events'.get.responses.'401'"));
        assertEquals("bearer", api.getString("components.securitySchemes.auditorToken.scheme"));
        assertNull(api.get("paths.'/audit'"), "the pages are not the API");
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("components.schemas.AuditRecordPage.properties.nextLink", not(nullValue()));
    }

    private static RequestSpecification auditor() {
        return given().auth().oauth2(AuditTokens.auditor());
    }

    private static List<String> found(Map<String, String> filters) {
        return auditor().queryParams(filters).queryParam("limit", "100").get(EVENTS).then().statusCode(200).extract()
                .jsonPath().getList("value.id", String.class);
    }

    private static List<String> ids(AuditEvent... events) {
        return Stream.of(events).map(e -> e.eventId().toString()).toList();
    }

    private static JsonPath readRecord(Response answer) {
        return AuditSeed.readRecord(answer);
    }

    private static Map<String, String> details(JsonPath record) {
        return AuditSeed.details(record);
    }
}
