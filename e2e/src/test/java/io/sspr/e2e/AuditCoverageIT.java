package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.UserKeys;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.TestMail;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every activity of Entra's "Self-service Password Management" list that the system performs, driven for real (one
 * user per flow) and then read back through the audit API with its filters: each is stored with every Graph
 * directoryAudit field, meaningful (who did it, to whom, which service logged it, how it went), from every topic that
 * carries one: requests and results of the pipeline, the portal's own audit events (flow steps, registrations,
 * blocks, refusals, settings) and each consumer's audit of what it dead-letters. A redelivered event is stored once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditCoverageIT {
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENTS = "/api/v1/audit/events";
    private static final String CHANGES = "/api/v1/password-changes";
    private static final String RESETS = "/api/v1/password-resets";
    private static final String UNLOCKS = "/api/v1/account-unlocks";
    private static final String REGISTRATIONS = "/api/v1/authenticator-registrations";
    /** The user principal name StackTokens puts in every staff token: the help desk's and the admin's. */
    private static final String STAFF = "tester@example.test";
    /** Graph's directoryAudit properties, each of which every record must carry. */
    private static final List<String> GRAPH_FIELDS = List.of("id", "category", "correlationId", "activityDateTime",
            "activityDisplayName", "loggedByService", "operationType", "result", "resultReason", "initiatedBy",
            "targetResources", "additionalDetails");

    private RunningStack parts;
    private ServiceProcesses services;
    private TestDirectory directory;
    private TopicRecords topics;
    private TopicRecords.Follower follower;
    private final Http http = new Http();
    private final List<TestUser> users = new ArrayList<>();
    private Instant started;
    private ConsumerRecord<String, String> settingsBefore;
    private boolean settingsTouched;

    private TestUser changer;
    private TestUser resetter;
    private TestUser unlocker;
    private TestUser helped;
    private TestUser registrant;
    private TestUser blocked;
    private final Map<TestUser, String> passwords = new HashMap<>();
    /** Activities this run saw recorded, checked against the whole list at the end. */
    private final Set<AuditActivity> recorded = EnumSet.noneOf(AuditActivity.class);
    /** correlationId of the successful change, whose events are delivered again. */
    private UUID changeRequest;
    private UUID blockedCorrelation;

    @BeforeAll
    void setUp() throws Exception {
        parts = RunningStack.fromEnvironment();
        directory = new TestDirectory(parts);
        topics = new TopicRecords(parts);
        started = Instant.now().minusSeconds(1);
        settingsBefore = SettingsRecords.latest(topics).orElse(null);
        services = ServiceProcesses.start(parts, "audit-coverage");
        follower = topics.follow(List.of(Topics.PASSWORD_REQUESTED, Topics.PASSWORD_RESULTS, Topics.AUDIT_EVENTS));
        changer = user();
        resetter = user();
        unlocker = user();
        helped = user();
        registrant = user();
        blocked = user();
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            if (settingsTouched) {
                SettingsRecords.restore(topics, settingsBefore);
            }
        } finally {
            if (follower != null) {
                follower.close();
            }
            if (services != null) {
                services.close();
            }
            for (TestUser user : users) {
                directory.deleteUser(user);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- the pipeline

    @Test
    @Order(1)
    void aChangeIsRecordedByThePortalAndItsOutcomeByTheServiceThatDecidedIt() throws Exception {
        String name = changer.samAccountName();
        String next = TestDirectory.randomPassword();
        changeRequest = submitChange(name, passwords.get(changer), next);
        assertEquals("SUCCEEDED", awaitTerminal(changeRequest).get("status").asText());
        passwords.put(changer, next);
        awaitRecords(Map.of("correlationId", changeRequest.toString()),
                pipeline(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, name, name).requested(),
                pipeline(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, name, name).succeeded("PASSWORD_CHANGED"));

        // the validator's refusal is its result: logged by the validator, with the rule in the details
        String tooSimple = "lowercaseonly" + "q".repeat(8);
        UUID rejected = submitChange(name, next, tooSimple);
        assertEquals("REJECTED", awaitTerminal(rejected).get("status").asText());
        awaitRecords(Map.of("correlationId", rejected.toString()),
                pipeline(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, name, name).requested(),
                new Expected(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, Services.POLICY_VALIDATOR, "failure", name,
                        name, "PASSWORD_NOT_COMPLEX").detail("stage", "result").detail("status", "REJECTED")
                        .detail("violations", "PASSWORD_NOT_COMPLEX"));

        // refused by the portal before anything was sealed: no pipeline record, the portal's own
        Http.Response tooLong = http.postJson(portal() + CHANGES, Map.of("username", name, "currentPassword", next,
                "newPassword", "a".repeat(257)));
        assertEquals(400, tooLong.status(), tooLong.rawBody());
        assertEquals("PASSWORD_TOO_LONG", tooLong.body().get("code").asText());
        awaitRecords(Map.of("activity", AuditActivity.CHANGE_PASSWORD_SELF_SERVICE.displayName(), "targetUser",
                name, "result", "failure", "from", started.toString()),
                new Expected(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, Services.RESET_PORTAL, "failure", name, name,
                        "PASSWORD_TOO_LONG").detail("stage", "refused"));
    }

    @Test
    @Order(2)
    void aResetByMailCodeRecordsEachStepAndTheReset() throws Exception {
        String name = resetter.samAccountName();
        Started reset = startUntilMailed(RESETS, "resetId", resetter);
        assertEquals(200, http.postJson(portal() + RESETS + "/" + reset.id() + "/verify",
                Map.of("method", "email", "code", reset.code())).status());
        Http.Response completed = http.postJson(portal() + RESETS + "/" + reset.id() + "/complete",
                Map.of("newPassword", TestDirectory.randomPassword()));
        assertEquals(202, completed.status(), completed.rawBody());
        UUID requestId = UUID.fromString(completed.body().get("requestId").asText());
        assertEquals("SUCCEEDED", awaitTerminal(requestId).get("status").asText());

        awaitRecords(Map.of("correlationId", reset.id()), step(name, "reset", "started"),
                step(name, "reset", "verify-email"), step(name, "reset", "completed"));
        awaitRecords(Map.of("correlationId", requestId.toString()),
                pipeline(AuditActivity.RESET_PASSWORD_SELF_SERVICE, name, name).requested(),
                pipeline(AuditActivity.RESET_PASSWORD_SELF_SERVICE, name, name).succeeded("PASSWORD_CHANGED"));
    }

    @Test
    @Order(3)
    void anUnlockRecordsTheUnlock() throws Exception {
        String name = unlocker.samAccountName();
        directory.lockAfterFailures(unlocker, 2);
        directory.lockOut(unlocker);
        Started unlock = startUntilMailed(UNLOCKS, "unlockId", unlocker);
        assertEquals(200, http.postJson(portal() + UNLOCKS + "/" + unlock.id() + "/verify",
                Map.of("method", "email", "code", unlock.code())).status());
        Http.Response completed = http.postJson(portal() + UNLOCKS + "/" + unlock.id() + "/complete", Map.of());
        assertEquals(202, completed.status(), completed.rawBody());
        UUID requestId = UUID.fromString(completed.body().get("requestId").asText());
        assertEquals("SUCCEEDED", awaitTerminal(requestId).get("status").asText());
        assertFalse(directory.isLockedOut(unlocker));

        awaitRecords(Map.of("correlationId", unlock.id()), step(name, "unlock", "started"),
                step(name, "unlock", "verify-email"), step(name, "unlock", "completed"));
        awaitRecords(Map.of("correlationId", requestId.toString()),
                pipeline(AuditActivity.UNLOCK_USER_ACCOUNT_SELF_SERVICE, name, name).requested(),
                pipeline(AuditActivity.UNLOCK_USER_ACCOUNT_SELF_SERVICE, name, name).succeeded("ACCOUNT_UNLOCKED"));
    }

    @Test
    @Order(4)
    void anAdminResetNamesTheHelpDeskAsInitiatorAndTheUserAsTarget() throws Exception {
        String name = helped.samAccountName();
        Http.Response accepted = postWithToken(portal() + "/api/v1/admin/password-resets",
                Map.of("username", name, "mustChangeAtNextLogon", false), parts.newHelpdeskToken());
        assertEquals(202, accepted.status(), accepted.rawBody());
        UUID requestId = UUID.fromString(accepted.body().get("requestId").asText());
        assertEquals("SUCCEEDED", awaitTerminal(requestId).get("status").asText());

        // found by who did it: the operator of the verified token, on the request and on its result
        awaitRecords(Map.of("correlationId", requestId.toString(), "initiatedBy", STAFF.toUpperCase()),
                pipeline(AuditActivity.RESET_PASSWORD_BY_ADMIN, STAFF, name).requested(),
                pipeline(AuditActivity.RESET_PASSWORD_BY_ADMIN, STAFF, name).succeeded("PASSWORD_CHANGED"));

        // a help-desk request the portal refuses is recorded too, with the operator as initiator and no target: the
        // invalid name is not kept
        Instant asked = Instant.now();
        Http.Response refused = postWithToken(portal() + "/api/v1/admin/password-resets",
                Map.of("username", name + ")(*"), parts.newHelpdeskToken());
        assertEquals(400, refused.status(), refused.rawBody());
        List<JsonNode> records = awaitRecords(Map.of("activity", AuditActivity.RESET_PASSWORD_BY_ADMIN.displayName(),
                "initiatedBy", STAFF, "result", "failure", "from", asked.toString()),
                new Expected(AuditActivity.RESET_PASSWORD_BY_ADMIN, Services.RESET_PORTAL, "failure", STAFF, null,
                        "USERNAME_INVALID").detail("stage", "refused").detailPresent("usernameLength"));
        records.forEach(r -> assertEquals(0, r.get("targetResources").size(), r.toString()));
    }

    @Test
    @Order(5)
    void anAuthenticatorRegistrationRecordsTheCheckTheStepsTheSecurityInfoAndTheRegistration() throws Exception {
        String name = registrant.samAccountName();
        startUntilMailed(RESETS, "resetId", registrant); // the portal knows the user (and its mail) from here on
        long mark = TestMail.mark(mail(registrant));
        Http.Response started = http.postJson(portal() + REGISTRATIONS,
                Map.of("username", name, "currentPassword", passwords.get(registrant)));
        assertEquals(202, started.status(), started.rawBody());
        String registrationId = started.body().get("registrationId").asText();
        String registration = portal() + REGISTRATIONS + "/" + registrationId;
        JsonNode state = await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(registration, Map.of()).body(), body -> body != null
                        && Set.of("CODE_SENT", "FAILED").contains(body.path("state").asText()));
        assertEquals("CODE_SENT", state.get("state").asText(), state.toString());
        Http.Response enrolment = http.postJson(registration + "/verify",
                Map.of("code", TestMail.awaitCode(mail(registrant), TestMail.after(mark))));
        assertEquals(200, enrolment.status(), enrolment.rawBody());
        byte[] secret = secretOf(enrolment.body().get("otpauthUri").asText());
        Http.Response confirmed = http.postJson(registration + "/confirm", Map.of("code", totp(secret)));
        assertEquals(200, confirmed.status(), confirmed.rawBody());

        Expected saved = new Expected(AuditActivity.SECURITY_INFO_SAVED, Services.RESET_PORTAL, "success", name, name,
                "User saved an authenticator app").operationType("Add").detail("method", "mobileApp");
        Expected registered = new Expected(AuditActivity.USER_REGISTERED, Services.RESET_PORTAL, "success", name,
                name, "User registered for self-service password reset").operationType("Add")
                .detail("method", "mobileApp");
        awaitRecords(Map.of("correlationId", registrationId), step(name, "registration", "password-checked"),
                step(name, "registration", "verify-email"), step(name, "registration", "verify-authenticator"),
                saved, registered);
        // the current password's check went through the pipeline as a request of its own
        awaitRecords(Map.of("activity", AuditActivity.FLOW_ACTIVITY_PROGRESS.displayName(), "targetUser", name,
                "from", this.started.toString()),
                pipeline(AuditActivity.FLOW_ACTIVITY_PROGRESS, name, name).requested(),
                pipeline(AuditActivity.FLOW_ACTIVITY_PROGRESS, name, name).succeeded("CURRENT_PASSWORD_CONFIRMED"));
    }

    @Test
    @Order(6)
    void wrongCodesBlockTheAccountAndTheBlockIsRecordedOnce() throws Exception {
        String name = blocked.samAccountName();
        Started reset = startUntilMailed(RESETS, "resetId", blocked);
        String wrong = String.format("%06d", (Integer.parseInt(reset.code()) + 1) % 1_000_000);
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 6 && !statuses.contains(429); attempt++) {
            statuses.add(http.postJson(portal() + RESETS + "/" + reset.id() + "/verify",
                    Map.of("method", "email", "code", wrong)).status());
        }
        assertEquals(List.of(400, 400, 400, 400, 429), statuses, "blocked at the fifth failure");

        List<JsonNode> blocks = awaitRecords(Map.of("activity", AuditActivity.BLOCKED_FROM_SSPR.displayName(),
                "targetUser", name), new Expected(AuditActivity.BLOCKED_FROM_SSPR, Services.RESET_PORTAL, "success",
                        name, name, "User was blocked after 5 failed attempts within an hour")
                        .detail("failures", "5").detailPresent("blockedUntil"));
        assertEquals(1, blocks.size(), "one block, one record: " + blocks);
        blockedCorrelation = UUID.fromString(blocks.get(0).get("correlationId").asText());
        Expected wrongCode = step(name, "reset", "verify-email").failed("CODE_WRONG");
        awaitRecords(Map.of("correlationId", reset.id(), "result", "failure"), wrongCode);
        await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> query(Map.of(
                "correlationId", reset.id(), "result", "failure")).stream().filter(wrongCode::matches).count(),
                count -> count == 5);
    }

    // ------------------------------------------------------------------------------------------- settings

    @Test
    @Order(7)
    void settingsChangesAndTheWritebackSwitchAreRecordedWithOldAndNewValuesAndTheAdminAsInitiator() throws Exception {
        String admin = parts.adminToken();
        Http.Response current = getWithToken(portal() + "/api/v1/admin/settings", admin);
        assertEquals(200, current.status(), current.rawBody());
        ObjectNode before = settingsBody(current.body());
        List<String> terms = new ArrayList<>();
        before.withArray("customBannedTerms").forEach(t -> terms.add(t.asText()));
        String term = "cov" + Long.toHexString(System.nanoTime()).substring(0, 8);
        ObjectNode off = before.deepCopy().put("writebackEnabled", false);
        com.fasterxml.jackson.databind.node.ArrayNode offTerms = off.putArray("customBannedTerms");
        terms.forEach(offTerms::add);
        offTerms.add(term);

        settingsTouched = true;
        Instant changed = Instant.now();
        Http.Response saved = putWithToken(portal() + "/api/v1/admin/settings", off, admin);
        Http.Response refused;
        try {
            assertEquals(200, saved.status(), saved.rawBody());
            // while writeback is off, a request is refused at once, and that is recorded too
            refused = http.postJson(portal() + CHANGES, Map.of("username", changer.samAccountName(),
                    "currentPassword", passwords.get(changer), "newPassword", TestDirectory.randomPassword()));
        } finally {
            Http.Response restored = putWithToken(portal() + "/api/v1/admin/settings", before, admin);
            assertEquals(200, restored.status(), restored.rawBody());
            SettingsRecords.restore(topics, settingsBefore);
            settingsTouched = false;
        }
        assertEquals(503, refused.status(), refused.rawBody());
        assertEquals("WRITEBACK_INACTIVE", refused.body().get("code").asText());
        awaitActive();

        String was = String.join(",", terms);
        String with = terms.isEmpty() ? term : was + "," + term;
        Map<String, String> window = Map.of("initiatedBy", STAFF, "from", changed.toString(), "to",
                Instant.now().plusSeconds(60).toString());
        Map<String, String> toggles = new LinkedHashMap<>(window);
        toggles.put("activity", AuditActivity.WRITEBACK_TOGGLED.displayName());
        awaitRecords(toggles,
                settings(AuditActivity.WRITEBACK_TOGGLED, "Password writeback disabled")
                        .detail("writebackEnabled.old", "true").detail("writebackEnabled.new", "false"),
                settings(AuditActivity.WRITEBACK_TOGGLED, "Password writeback enabled")
                        .detail("writebackEnabled.old", "false").detail("writebackEnabled.new", "true"));
        Map<String, String> policies = new LinkedHashMap<>(window);
        policies.put("activity", AuditActivity.POLICY_CHANGES.displayName());
        List<JsonNode> changes = awaitRecords(policies,
                settings(AuditActivity.POLICY_CHANGES, "Self-service settings changed: customBannedTerms")
                        .detail("customBannedTerms.old", was).detail("customBannedTerms.new", with),
                settings(AuditActivity.POLICY_CHANGES, "Self-service settings changed: customBannedTerms")
                        .detail("customBannedTerms.old", with).detail("customBannedTerms.new", was));
        // settings concern no user: no target rather than a nameless one
        changes.forEach(r -> assertEquals(0, r.get("targetResources").size(), r.toString()));
        awaitRecords(Map.of("activity", AuditActivity.CHANGE_PASSWORD_SELF_SERVICE.displayName(), "targetUser",
                changer.samAccountName(), "from", changed.toString()),
                new Expected(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, Services.RESET_PORTAL, "failure",
                        changer.samAccountName(), changer.samAccountName(), "WRITEBACK_INACTIVE")
                        .detail("stage", "refused"));
    }

    // ------------------------------------------------------------------------------------------- dead letters

    @Test
    @Order(8)
    void forgedAndRefusedEventsAreDeadLetteredAndRecordedByEveryConsumerThatRefusedThem() throws Exception {
        // a change request signed by a key nobody trusts: the validator and the audit service each refuse it
        String name = changer.samAccountName();
        UUID forgedRequest = UUID.randomUUID();
        EventSigner stranger = new EventSigner(Services.RESET_PORTAL, Keysets.newSigningKeyset());
        send(SignedRecords.record(Topics.PASSWORD_REQUESTED, request(forgedRequest, Operation.CHANGE, changer, "x"),
                stranger));
        List<JsonNode> forged = awaitRecords(Map.of("correlationId", forgedRequest.toString()),
                deadLetter(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, Services.POLICY_VALIDATOR, name,
                        "signature invalid", Topics.PASSWORD_REQUESTED),
                deadLetter(AuditActivity.CHANGE_PASSWORD_SELF_SERVICE, Services.AUDIT_SERVICE, name,
                        "signature invalid", Topics.PASSWORD_REQUESTED));
        assertTrue(forged.stream().noneMatch(r -> "requested".equals(detailOf(r, "stage"))),
                "a forged request is never recorded as one: " + forged);
        for (JsonNode record : forged) {
            assertEquals(text(record, "loggedByService"), record.path("initiatedBy").path("app").path("displayName")
                    .asText(), "the claimed user is not the initiator of a forgery: " + record);
        }

        // the portal's own signature on an unlock without a verification: genuine, so recorded, but refused
        UUID refusedUnlock = UUID.randomUUID();
        String unlockName = unlocker.samAccountName();
        send(SignedRecords.byItsProducer(Topics.PASSWORD_REQUESTED,
                request(refusedUnlock, Operation.UNLOCK, unlocker, null)));
        awaitRecords(Map.of("correlationId", refusedUnlock.toString()),
                pipeline(AuditActivity.UNLOCK_USER_ACCOUNT_SELF_SERVICE, unlockName, unlockName).requested(),
                deadLetter(AuditActivity.UNLOCK_USER_ACCOUNT_SELF_SERVICE, Services.POLICY_VALIDATOR, unlockName,
                        "event refused", Topics.PASSWORD_REQUESTED));

        // an audit event that claims to come from the portal: the audit service refuses to store it as one
        UUID forgedAudit = UUID.randomUUID();
        AuditEvent fake = new AuditEvent(UUID.randomUUID(), forgedAudit, Instant.now(), SsprEvent.SCHEMA_VERSION,
                key(blocked), AuditActivity.RESET_PASSWORD_BY_ADMIN, AuditEvent.AuditResult.success, "e2e forgery",
                STAFF, blocked.samAccountName(), Services.RESET_PORTAL, Map.of());
        send(SignedRecords.record(Topics.AUDIT_EVENTS, fake, stranger));
        List<JsonNode> refusedAudit = awaitRecords(Map.of("correlationId", forgedAudit.toString()),
                new Expected(null, Services.AUDIT_SERVICE, "failure", null, null, "signature invalid")
                        .detail("stage", "dead-letter").detail("topic", Topics.AUDIT_EVENTS));
        assertTrue(refusedAudit.stream().noneMatch(r -> fake.eventId().toString().equals(r.get("id").asText())),
                "the forged event itself is not stored: " + refusedAudit);
        // it names no user that could be taken as its initiator: the service that refused it is Graph's app
        assertEquals(Services.AUDIT_SERVICE, refusedAudit.get(0).path("initiatedBy").path("app").path("displayName")
                .asText(), refusedAudit.get(0).toString());
    }

    @Test
    @Order(9)
    void aRedeliveredEventIsStoredOnce() throws Exception {
        assertNotNull(changeRequest, "the change ran first");
        assertNotNull(blockedCorrelation, "the block ran first");
        List<ConsumerRecord<String, String>> again = new ArrayList<>();
        again.add(captured(Topics.PASSWORD_REQUESTED, changeRequest));
        again.add(captured(Topics.PASSWORD_RESULTS, changeRequest));
        again.add(captured(Topics.AUDIT_EVENTS, blockedCorrelation));
        Map<TopicPartition, Long> through = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = topics.rawProducer()) {
            for (ConsumerRecord<String, String> record : again) {
                for (int copy = 0; copy < 2; copy++) {
                    ProducerRecord<String, byte[]> same = new ProducerRecord<>(record.topic(), null, record.key(),
                            record.value().getBytes(StandardCharsets.UTF_8), record.headers());
                    RecordMetadata sent = producer.send(same).get(30, TimeUnit.SECONDS);
                    through.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1, Math::max);
                }
            }
        }
        // the audit service has read past both copies of each
        await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> ConsumerGroups.behind(parts, "sspr-" + Services.AUDIT_SERVICE, through) == 0);

        for (UUID correlationId : List.of(changeRequest, blockedCorrelation)) {
            List<JsonNode> records = query(Map.of("correlationId", correlationId.toString(), "limit", "1000"));
            Map<String, Long> perId = records.stream().collect(Collectors.groupingBy(r -> r.get("id").asText(),
                    Collectors.counting()));
            assertTrue(perId.values().stream().allMatch(n -> n == 1), "each event once: " + perId);
        }
        assertEquals(2, query(Map.of("correlationId", changeRequest.toString())).size(),
                "the change's request and result, each once");
        assertEquals(1, query(Map.of("correlationId", blockedCorrelation.toString())).size(), "the block, once");
        for (ConsumerRecord<String, String> record : again) {
            String eventId = JSON.readTree(record.value()).get("eventId").asText();
            String correlation = JSON.readTree(record.value()).get("correlationId").asText();
            assertEquals(1, query(Map.of("correlationId", correlation)).stream()
                    .filter(r -> eventId.equals(r.get("id").asText())).count(), record.topic() + " " + eventId);
        }
    }

    // ------------------------------------------------------------------------------------------- the whole list

    @Test
    @Order(10)
    void everyActivityOfTheListWasRecordedAndTheFiltersPagesAndTimelineFindIt() {
        assertEquals(EnumSet.allOf(AuditActivity.class), recorded, "activities this run saw recorded");
        for (AuditActivity activity : AuditActivity.values()) {
            List<JsonNode> records = query(Map.of("activity", activity.displayName(), "from", started.toString(),
                    "category", AuditActivity.CATEGORY));
            assertFalse(records.isEmpty(), activity.displayName());
            records.forEach(r -> assertEquals(activity.displayName(), r.get("activityDisplayName").asText()));
        }
        // before this run started: none of its records
        List<JsonNode> before = query(Map.of("to", started.toString(), "targetUser", changer.samAccountName()));
        assertEquals(List.of(), before, "no record of this run's user before it started");

        // pages of one: each record once, newest first, and no nextLink on the last
        List<JsonNode> all = query(Map.of("correlationId", changeRequest.toString()));
        List<String> paged = new ArrayList<>();
        String next = EVENTS + "?correlationId=" + changeRequest + "&limit=1";
        while (next != null) {
            JsonNode page = auditGet(next).body();
            assertEquals(1, page.get("value").size(), page.toString());
            paged.add(page.get("value").get(0).get("id").asText());
            next = page.hasNonNull("nextLink") ? page.get("nextLink").asText() : null;
            assertTrue(paged.size() <= all.size(), "paging ends: " + paged);
        }
        assertEquals(all.stream().map(r -> r.get("id").asText()).toList(), paged);

        // the timeline: the same records, oldest first (the request before its result)
        JsonNode timeline = auditGet(EVENTS + "/" + changeRequest + "/timeline").body().get("value");
        assertEquals("requested", detailOf(timeline.get(0), "stage"));
        assertEquals("result", detailOf(timeline.get(timeline.size() - 1), "stage"));
    }

    @Test
    @Order(11)
    void everyReadOfTheAuditIsItselfRecorded() {
        Http.Response read = auditGet(EVENTS + "?targetUser=" + changer.samAccountName() + "&limit=5");
        assertEquals(200, read.status());
        String readId = read.header("X-Correlation-Id");
        assertNotNull(readId, "a read names its record");
        Http.Response refused = http.get(services.url("audit-service") + EVENTS, Map.of());
        assertEquals(401, refused.status());
        String refusedId = refused.header("X-Correlation-Id");
        assertNotNull(refusedId, "a refusal names its record");

        Expected readRecord = new Expected(null, Services.AUDIT_SERVICE, "success", STAFF, null, "Read")
                .category("Audit").activityName("Read audit records").operationType("Read")
                .detail("status", "200").detail("token", "verified").detail("format", "json")
                .detail("targetUser", changer.samAccountName()).detail("limit", "5");
        awaitRecords(Map.of("correlationId", readId, "category", "Audit"), readRecord);
        Expected refusedRecord = new Expected(null, Services.AUDIT_SERVICE, "failure", "anonymous", null, null)
                .category("Audit").activityName("Read audit records").operationType("Read")
                .detail("status", "401").detail("token", "none");
        awaitRecords(Map.of("correlationId", refusedId, "category", "Audit"), refusedRecord);
    }

    // ------------------------------------------------------------------------------------------- expectations

    /**
     * What one record must say; null where any value will do (the shape is checked for every record anyway).
     * {@code reason} matches the start of resultReason.
     */
    private record Expected(AuditActivity activity, String service, String result, String initiator, String target,
            String reason, Map<String, String> details, String category, String activityName, String operationType,
            boolean targetRequired) {

        Expected(AuditActivity activity, String service, String result, String initiator, String target,
                String reason) {
            this(activity, service, result, initiator, target, reason, Map.of(), AuditActivity.CATEGORY,
                    activity == null ? null : activity.displayName(), null, target != null);
        }

        Expected detail(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(details);
            more.put(key, value);
            return new Expected(activity, service, result, initiator, target, reason, more, category, activityName,
                    operationType, targetRequired);
        }

        /** The key must be there, with any value. */
        Expected detailPresent(String key) {
            return detail(key, null);
        }

        Expected category(String name) {
            return new Expected(activity, service, result, initiator, target, reason, details, name, activityName,
                    operationType, targetRequired);
        }

        Expected activityName(String name) {
            return new Expected(activity, service, result, initiator, target, reason, details, category, name,
                    operationType, targetRequired);
        }

        Expected operationType(String type) {
            return new Expected(activity, service, result, initiator, target, reason, details, category,
                    activityName, type, targetRequired);
        }

        Expected failed(String code) {
            return new Expected(activity, service, "failure", initiator, target, code, details, category,
                    activityName, operationType, targetRequired);
        }

        boolean matches(JsonNode record) {
            return (activityName == null || activityName.equals(text(record, "activityDisplayName")))
                    && (category == null || category.equals(text(record, "category")))
                    && (service == null || service.equals(text(record, "loggedByService")))
                    && (result == null || result.equals(text(record, "result")))
                    && (reason == null || String.valueOf(text(record, "resultReason")).startsWith(reason))
                    && (operationType == null || operationType.equals(text(record, "operationType")))
                    && (initiator == null || initiator.equalsIgnoreCase(String.valueOf(initiatorOf(record))))
                    && (target == null || target.equalsIgnoreCase(String.valueOf(targetOf(record))))
                    && details.entrySet().stream().allMatch(e -> record.path("additionalDetails").findValues("key")
                            .stream().anyMatch(k -> k.asText().equals(e.getKey()))
                            && (e.getValue() == null || e.getValue().equals(detailOf(record, e.getKey()))));
        }

        @Override
        public String toString() {
            return (activityName == null ? "any activity" : activityName) + " by " + service + ": " + result
                    + (reason == null ? "" : " (" + reason + "…)") + ", initiated by " + initiator + ", target "
                    + target + ", details " + details;
        }
    }

    /** A request of the pipeline (recorded from the portal's request) and its outcome (from its result). */
    private record Pipeline(AuditActivity activity, String initiator, String target) {
        Expected requested() {
            return new Expected(activity, Services.RESET_PORTAL, "success", initiator, target, "Request submitted")
                    .detail("stage", "requested");
        }

        Expected succeeded(String code) {
            return new Expected(activity, Services.WRITEBACK_WORKER, "success", initiator, target, code)
                    .detail("stage", "result").detail("status", "SUCCEEDED").detail("code", code);
        }
    }

    private static Pipeline pipeline(AuditActivity activity, String initiator, String target) {
        return new Pipeline(activity, initiator, target);
    }

    /** A successful step of a self-service flow, taken by the user. */
    private static Expected step(String user, String flow, String step) {
        return new Expected(AuditActivity.FLOW_ACTIVITY_PROGRESS, Services.RESET_PORTAL, "success", user, user, null)
                .detail("flow", flow).detail("step", step);
    }

    /** A settings change, made by the admin of the token; it has no user as its target. */
    private static Expected settings(AuditActivity activity, String reason) {
        return new Expected(activity, Services.RESET_PORTAL, "success", STAFF, null, reason);
    }

    /**
     * A consumer's record of an event it dead-lettered: the target is the user the event claimed; nobody proved who
     * sent it, so it has no user as initiator.
     */
    private static Expected deadLetter(AuditActivity activity, String service, String claimedUser, String reason,
            String topic) {
        return new Expected(activity, service, "failure", null, claimedUser, reason)
                .detail("stage", "dead-letter").detail("topic", topic).detailPresent("offset")
                .detailPresent("partition");
    }

    /**
     * Polls the audit API with these filters until each expectation is met by a record; checks every record's shape
     * and returns them all.
     */
    private List<JsonNode> awaitRecords(Map<String, String> filters, Expected... expected) {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        try {
            await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
                List<JsonNode> records = query(filters);
                last.set(0, records);
                return List.of(expected).stream().allMatch(e -> records.stream().anyMatch(e::matches));
            });
        } catch (ConditionTimeoutException e) {
            List<Expected> missing = List.of(expected).stream()
                    .filter(x -> last.get(0).stream().noneMatch(x::matches)).toList();
            fail("not recorded within " + SETTLES_WITHIN.toSeconds() + " s for " + filters + ":\n  "
                    + missing.stream().map(Expected::toString).collect(Collectors.joining("\n  "))
                    + "\nrecords:\n  " + last.get(0).stream().map(JsonNode::toString)
                            .collect(Collectors.joining("\n  ")));
        }
        List<JsonNode> records = last.get(0);
        for (JsonNode record : records) {
            assertGraphShape(record, filters);
        }
        for (Expected e : expected) {
            if (e.activity() != null) {
                recorded.add(e.activity());
            }
            if (e.targetRequired()) {
                records.stream().filter(e::matches).forEach(r -> assertEquals("User",
                        r.get("targetResources").get(0).path("type").asText(), r.toString()));
            }
        }
        return records;
    }

    /** Every Graph directoryAudit property there, and each one meaningful. */
    private void assertGraphShape(JsonNode record, Map<String, String> filters) {
        for (String field : GRAPH_FIELDS) {
            assertTrue(record.has(field) && !record.get(field).isNull(), field + " missing in " + record);
        }
        UUID.fromString(record.get("id").asText());
        UUID.fromString(record.get("correlationId").asText());
        Instant at = Instant.parse(record.get("activityDateTime").asText());
        assertFalse(at.isAfter(Instant.now().plusSeconds(5)), "activityDateTime in the future: " + record);
        assertFalse(text(record, "category").isBlank(), record.toString());
        assertFalse(text(record, "activityDisplayName").isBlank(), record.toString());
        assertTrue(Set.of(Services.RESET_PORTAL, Services.POLICY_VALIDATOR, Services.WRITEBACK_WORKER,
                Services.AUDIT_SERVICE).contains(text(record, "loggedByService")), record.toString());
        assertTrue(Set.of("Add", "Update", "Read").contains(text(record, "operationType")), record.toString());
        assertTrue(Set.of("success", "failure", "timeout").contains(text(record, "result")), record.toString());
        assertFalse(text(record, "resultReason").isBlank(), "resultReason: " + record);
        assertTrue(record.get("targetResources").isArray(), record.toString());
        assertTrue(record.get("additionalDetails").isArray(), record.toString());
        record.get("additionalDetails").forEach(d -> assertFalse(d.path("key").asText().isBlank(), record.toString()));
        // Graph's initiatedBy is a user or an app: one of them must say who
        JsonNode initiatedBy = record.get("initiatedBy");
        String who = initiatorOf(record);
        assertTrue(who != null && !who.isBlank() || !initiatedBy.path("app").path("displayName").asText().isBlank(),
                "initiatedBy names neither a user nor an app: " + record);
        filters.forEach((name, value) -> {
            switch (name) {
                case "correlationId" -> assertEquals(value, text(record, "correlationId"));
                case "activity" -> assertEquals(value, text(record, "activityDisplayName"));
                case "result" -> assertEquals(value, text(record, "result"));
                case "category" -> assertEquals(value, text(record, "category"));
                case "targetUser" -> assertTrue(value.equalsIgnoreCase(targetOf(record)), record.toString());
                case "initiatedBy" -> assertTrue(value.equalsIgnoreCase(initiatorOf(record)), record.toString());
                case "from" -> assertFalse(at.isBefore(Instant.parse(value)), record.toString());
                case "to" -> assertTrue(at.isBefore(Instant.parse(value)), record.toString());
                default -> {
                }
            }
        });
    }

    private static String initiatorOf(JsonNode record) {
        JsonNode upn = record.path("initiatedBy").path("user").path("userPrincipalName");
        return upn.isTextual() ? upn.asText() : null;
    }

    private static String targetOf(JsonNode record) {
        JsonNode upn = record.path("targetResources").path(0).path("userPrincipalName");
        return upn.isTextual() ? upn.asText() : null;
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String detailOf(JsonNode record, String key) {
        for (JsonNode detail : record.path("additionalDetails")) {
            if (key.equals(detail.path("key").asText())) {
                return detail.path("value").isNull() ? null : detail.path("value").asText();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------- the audit API

    /** Every record of the query (one page of up to 1000). */
    private List<JsonNode> query(Map<String, String> filters) {
        Map<String, String> parameters = new LinkedHashMap<>(filters);
        parameters.putIfAbsent("limit", "1000");
        String path = EVENTS + "?" + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Http.Response response = auditGet(path);
        assertEquals(200, response.status(), path + ": " + response.rawBody());
        List<JsonNode> records = new ArrayList<>();
        response.body().get("value").forEach(records::add);
        return records;
    }

    private Http.Response auditGet(String pathAndQuery) {
        return http.get(services.url("audit-service") + pathAndQuery,
                Map.of("Authorization", "Bearer " + parts.auditorToken()));
    }

    // ------------------------------------------------------------------------------------------- the system

    private record Started(String id, String code) {
    }

    /** Starts a flow until its code is mailed: the portal knows a new user once the worker's sync told it. */
    private Started startUntilMailed(String flow, String idField, TestUser user) {
        List<Started> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long mark = TestMail.mark(mail(user));
            Http.Response started = http.postJson(portal() + flow, Map.of("username", user.samAccountName()));
            assertEquals(202, started.status(), started.rawBody());
            try {
                String code = TestMail.awaitCode(mail(user), TestMail.after(mark), Duration.ofSeconds(4));
                got.add(new Started(started.body().get(idField).asText(), code));
                return true;
            } catch (ConditionTimeoutException notYetKnown) {
                return false;
            }
        });
        return got.get(got.size() - 1);
    }

    private UUID submitChange(String username, String current, String next) {
        Http.Response response = http.postJson(portal() + CHANGES,
                Map.of("username", username, "currentPassword", current, "newPassword", next));
        assertEquals(202, response.status(), response.rawBody());
        return UUID.fromString(response.body().get("requestId").asText());
    }

    private JsonNode awaitTerminal(UUID requestId) {
        return await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(portal() + "/api/v1/requests/" + requestId, Map.of()).body(),
                        body -> body != null && Set.of("SUCCEEDED", "REJECTED", "FAILED", "EXPIRED")
                                .contains(body.path("status").asText()));
    }

    /** After the settings are back, the portal accepts requests again (its own and the worker's switch on). */
    private void awaitActive() {
        await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> "Active".equals(
                http.get(portal() + "/api/v1/status", Map.of()).body().path("writebackStatus").asText()));
    }

    /** A request as the portal would publish it; {@code sealed} stands for sealed passwords where one is needed. */
    private PasswordRequested request(UUID correlationId, Operation operation, TestUser user, String sealed) {
        Instant now = Instant.now();
        return new PasswordRequested(UUID.randomUUID(), correlationId, now, now.plus(Duration.ofMinutes(5)),
                SsprEvent.SCHEMA_VERSION, operation, key(user), user.samAccountName(), sealed, sealed, sealed,
                user.samAccountName(), false, null, null);
    }

    private void send(ProducerRecord<String, String> record) throws Exception {
        topics.send(record);
    }

    /** The record a service published for this correlation id, as the broker holds it (headers included). */
    private ConsumerRecord<String, String> captured(String topic, UUID correlationId) {
        return await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> follower.records(topic).stream()
                        .filter(r -> r.value() != null && r.value().contains(correlationId.toString()))
                        .findFirst().orElse(null), Objects::nonNull);
    }

    private Http.Response postWithToken(String url, Object body, String token) throws Exception {
        return send("POST", url, JSON.writeValueAsString(body), token);
    }

    private Http.Response putWithToken(String url, Object body, String token) throws Exception {
        return send("PUT", url, JSON.writeValueAsString(body), token);
    }

    private Http.Response getWithToken(String url, String token) {
        return http.get(url, Map.of("Authorization", "Bearer " + token));
    }

    private Http.Response send(String method, String url, String json, String token) {
        return http.send(method, url, json, Map.of("Authorization", "Bearer " + token));
    }

    /** The fields PUT takes, from what GET answered. */
    private static ObjectNode settingsBody(JsonNode inForce) {
        ObjectNode body = JSON.createObjectNode();
        for (String field : List.of("writebackEnabled", "unlockAllowed", "methodsRequired", "scopeGroupDn",
                "customBannedTerms", "nistMode")) {
            body.set(field, inForce.get(field));
        }
        return body;
    }

    private String portal() {
        return services.url("reset-portal");
    }

    private TestUser user() throws Exception {
        String password = TestDirectory.randomPassword();
        TestUser user = directory.createUser(password);
        users.add(user);
        passwords.put(user, password);
        return user;
    }

    private static String key(TestUser user) {
        return UserKeys.fromUsername(user.samAccountName());
    }

    private static String mail(TestUser user) {
        return user.samAccountName() + "@example.test";
    }

    private static byte[] secretOf(String otpauthUri) {
        for (String pair : URI.create(otpauthUri).getRawQuery().split("&")) {
            if (pair.startsWith("secret=")) {
                return new Base32().decode(pair.substring("secret=".length()));
            }
        }
        throw new AssertionError("no secret in the otpauth URI");
    }

    /** The app's code now (RFC 6238), as the portal's own generator computes it. */
    private static String totp(byte[] secret) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
        return generator.generateOneTimePasswordString(new SecretKeySpec(secret, generator.getAlgorithm()),
                Instant.now());
    }
}
