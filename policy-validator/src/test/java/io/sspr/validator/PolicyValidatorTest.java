package io.sspr.validator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.events.Operation;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Verification;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.DeadLetterHeaders;
import io.sspr.events.testing.PoisonRecords;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SambaTool;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.StackDirectory;
import io.sspr.events.testing.StackTokens;
import io.sspr.events.testing.TestConsumers;
import io.sspr.events.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The running service: REST, health, and the Kafka pipeline on test-only topics of the real broker. */
@QuarkusTest
@QuarkusTestResource(ValidatorRealParts.class)
class PolicyValidatorTest {
    private static final Duration WAIT = TestKafka.RECORD_WAIT;
    /** The admin's settings apply within this, without a restart. */
    private static final Duration SETTINGS_APPLY = Duration.ofSeconds(10);

    @Test
    void readyWithDirectoryAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("directory"));
    }

    @Test
    void effectivePolicyOfAlice() {
        helpdesk().get("/api/v1/policy/alice").then().statusCode(200)
                .body("minLength", equalTo(7))
                .body("maxLength", equalTo(256))
                .body("complexityEnabled", equalTo(true))
                .body("dialect", equalTo("SAMBA"))
                .body("source", equalTo("DOMAIN"))
                .body("protectedAccount", equalTo(false))
                .body("inScope", equalTo(true))
                .body("rules", hasItem("Do not use your name or parts of it (Alice, Anders)."));
    }

    @Test
    void publishesTheDomainPolicyKeyedDomain() {
        ConsumerRecord<String, String> record = awaitRecord(ValidatorRealParts.POLICIES, "\"policyKey\":\"domain\"");
        assertEquals("domain", record.key());
        assertEquals("sspr.directory.policies.v1", TestKafka.header(record, "ce_type"));
        assertTrue(record.value().contains("\"dialect\":\"SAMBA\""), record.value());
    }

    @Test
    void publishesANewFineGrainedPolicyKeyedByItsDn() {
        String pso = "pv-pub-" + UUID.randomUUID().toString().substring(0, 8);
        SambaTool.run("domain", "passwordsettings", "pso", "create", pso, "7", "--min-pwd-length=12",
                "--complexity=on", "--history-length=5", "--min-pwd-age=0", "--max-pwd-age=30");
        try {
            ConsumerRecord<String, String> record = awaitRecord(ValidatorRealParts.POLICIES, "CN=" + pso + ",");
            assertTrue(record.key().startsWith("CN=" + pso + ",CN=Password Settings Container"), record.key());
            assertTrue(record.value().contains("\"source\":\"PSO\""), record.value());
            assertTrue(record.value().contains("\"minLength\":12"), record.value());
            assertTrue(record.value().contains("\"precedence\":7"), record.value());
        } finally {
            SambaTool.quietly("domain", "passwordsettings", "pso", "delete", pso);
        }
    }

    /** The policy of a named account tells whether it exists: only the help desk and admins may ask. */
    @Test
    void anAccountsPolicyNeedsAHelpDeskOrAdminToken() {
        given().get("/api/v1/policy/alice").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("INVALID_REQUEST"));
        given().get("/api/v1/policy/nobody-here").then().statusCode(401)
                .body("code", equalTo("INVALID_REQUEST"));
        given().auth().oauth2("not.a.jwt").get("/api/v1/policy/alice").then().statusCode(401);
        given().auth().oauth2(StackTokens.signed("urn:someone:else", List.of("helpdesk"),
                Instant.now().plusSeconds(600))).get("/api/v1/policy/alice").then().statusCode(401);
        given().auth().oauth2(StackTokens.withGroups(List.of("auditor"))).get("/api/v1/policy/alice").then()
                .statusCode(403).body("code", equalTo("ACCESS_DENIED"));
        given().auth().oauth2(StackTokens.withGroups(List.of("helpdesk"))).get("/api/v1/policy/alice").then()
                .statusCode(200).body("username", equalTo("alice"));
        given().auth().oauth2(StackTokens.withGroups(List.of("admin"))).get("/api/v1/policy/alice").then()
                .statusCode(200).body("source", equalTo("DOMAIN"));
    }

    @Test
    void aStrangersTokenIsRefused() throws Exception {
        given().auth().oauth2(StackTokens.signedByStranger(List.of("helpdesk"))).get("/api/v1/policy/alice").then()
                .statusCode(401);
    }

    /** The domain's default policy names no account, so anyone may read it (a form's hints). */
    @Test
    void theDomainsPolicyIsOpen() {
        given().get("/api/v1/policy").then().statusCode(200)
                .body("source", equalTo("DOMAIN"))
                .body("minLength", equalTo(7))
                .body("complexityEnabled", equalTo(true))
                .body("username", equalTo(null))
                .body("protectedAccount", equalTo(null))
                .body("rules", hasItem("Do not use a common password, your name, or something one letter away from "
                        + "them; look-alikes such as @ for a or 0 for o do not help."));
    }

    private static io.restassured.specification.RequestSpecification helpdesk() {
        return given().auth().oauth2(StackTokens.withGroups(List.of("helpdesk")));
    }

    @Test
    void invalidAndUnknownUsers() {
        helpdesk().get("/api/v1/policy/a*)(x").then().statusCode(400).body("code", equalTo("USERNAME_INVALID"));
        helpdesk().get("/api/v1/policy/nobody-here").then().statusCode(404).body("code", equalTo("USER_NOT_FOUND"));
    }

    @Test
    void goodPasswordIsValidatedSignedAndPublished() {
        PasswordRequested request = request("alice", "Winter-Sun-42");
        Instant sent = Instant.now();
        send(request);
        ConsumerRecord<String, String> record = awaitRecord(ValidatorRealParts.VALIDATED,
                request.correlationId().toString());
        assertEquals("alice", record.key());
        assertEquals(PasswordValidated.TYPE, TestKafka.header(record, "ce_type"));
        // signed with the validator's own key, as the worker checks it
        PasswordValidated event = ServiceKeys.verifierOf(Services.WRITEBACK_WORKER,
                SignedRecords.keysDirOf(Services.WRITEBACK_WORKER)).verify(SignedRecords.incoming(record),
                        PasswordValidated.class);
        assertEquals(request.sealedNewPassword(), event.sealedNewPassword());
        assertFalse(record.value().contains(request.sealedNewPasswordForValidator()), "its own copy stays behind");
        // The request asked for a day; the validator gives its own 5 minutes from when it received it.
        assertTrue(event.expiresAt().isBefore(sent.plus(Duration.ofMinutes(6))), event.expiresAt().toString());
        assertTrue(event.expiresAt().isAfter(sent.plus(Duration.ofMinutes(4))), event.expiresAt().toString());
    }

    @Test
    void weakPasswordIsRejectedWithEveryViolation() {
        PasswordRequested request = request("alice", "alice");
        send(request);
        PasswordResult result = EventJson.read(awaitRecord(ValidatorRealParts.RESULTS,
                request.correlationId().toString()).value(), PasswordResult.class);
        assertEquals(RequestStatus.REJECTED, result.status());
        assertEquals(List.of(ResultCode.PASSWORD_TOO_SHORT, ResultCode.PASSWORD_CONTAINS_ACCOUNT_NAME,
                ResultCode.PASSWORD_CONTAINS_DISPLAY_NAME, ResultCode.PASSWORD_NOT_COMPLEX, ResultCode.PASSWORD_BANNED),
                result.violations().stream().map(v -> v.code()).toList());
    }

    @Test
    void theAdminsCustomTermsFromTheSettingsTopicApplyWithoutARestart() {
        String term = "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 6);
        String password = Character.toUpperCase(term.charAt(0)) + term.substring(1) + "1!"; // passes AD's own rules
        // A count no earlier run used, so the policy API shows when this very list is in force.
        List<String> terms = new ArrayList<>(List.of(term));
        int fillers = 3 + new Random().nextInt(900);
        for (int i = 0; i < fillers; i++) {
            terms.add("filler" + i);
        }
        send(SignedRecords.record(ValidatorRealParts.SETTINGS,
                SelfServiceSettings.of(terms, "test-admin", Instant.now()), SignedRecords.signerOf(Services.ADMIN)));
        await().atMost(WAIT).until(() -> helpdesk().get("/api/v1/policy/alice").jsonPath().getInt("customBannedTerms"),
                count -> count == terms.size());

        PasswordRequested request = request("alice", password);
        send(request);
        PasswordResult result = EventJson.read(awaitRecord(ValidatorRealParts.RESULTS,
                request.correlationId().toString()).value(), PasswordResult.class);
        assertEquals(List.of(ResultCode.PASSWORD_BANNED), result.violations().stream().map(v -> v.code()).toList());
    }

    @Test
    void oldSettingsSentAgainAreARefusedReplay() {
        String marker = "replay" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 6);
        SelfServiceSettings current = SelfServiceSettings.of(List.of(marker + "now"), "test-admin",
                Instant.now());
        SelfServiceSettings old = SelfServiceSettings.of(List.of(marker + "old", "second"),
                "test-admin", Instant.now().minus(Duration.ofHours(1)));
        send(SignedRecords.record(ValidatorRealParts.SETTINGS, current, SignedRecords.signerOf(Services.ADMIN)));
        await().atMost(WAIT).until(() -> helpdesk().get("/api/v1/policy/alice").jsonPath().getInt("customBannedTerms"),
                count -> count == 1);

        send(SignedRecords.record(ValidatorRealParts.SETTINGS, old, SignedRecords.signerOf(Services.ADMIN)));
        ConsumerRecord<String, String> dead = awaitRecord(ValidatorRealParts.SETTINGS_DLQ, marker + "old");
        assertEquals("REFUSED", TestKafka.header(dead, DeadLetterHeaders.REASON));
        assertEquals(1, helpdesk().get("/api/v1/policy/alice").jsonPath().getInt("customBannedTerms"),
                "the settings in force stay");
    }

    /** NIST SP 800-63B asks for 15 characters (no multi-factor in %test): ten that AD accepts are too few there. */
    @Test
    void nistModeFromTheSettingsAppliesWithoutARestartAndAdModeComesBack() {
        String password = "Tulip-Bay7";
        try {
            validated(request("alice", password)); // AD mode, as configured
            sendSettings(null, true);
            awaitMode("NIST");
            assertEquals(15, given().get("/api/v1/policy").jsonPath().getInt("minLength"));
            PasswordResult tooShort = decided(request("alice", password));
            assertEquals(RequestStatus.REJECTED, tooShort.status());
            assertEquals(List.of(ResultCode.PASSWORD_TOO_SHORT), tooShort.violations().stream().map(v -> v.code())
                    .toList());

            sendSettings(null, false);
            awaitMode("AD");
            validated(request("alice", password));
        } finally {
            sendSettings(null, false); // the topic is compacted: the next run starts from what stays on it
        }
    }

    @Test
    void aScopeGroupFromTheSettingsAppliesWithoutARestartAndNoneMeansEveryone() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String member = "pvsm" + suffix;
        String outside = "pvso" + suffix;
        String group = "pvsg" + suffix;
        try {
            SambaTool.run("user", "create", member, "Start-" + suffix + "-Pw1");
            SambaTool.run("user", "create", outside, "Start-" + suffix + "-Pw1");
            SambaTool.run("group", "add", group);
            SambaTool.run("group", "addmembers", group, member);
            assertTrue(inScope(outside), "everyone, as configured");

            sendSettings("CN=" + group + ",CN=Users," + StackDirectory.baseDn(), false);
            await().atMost(SETTINGS_APPLY).until(() -> inScope(outside), in -> !in);
            assertTrue(inScope(member));
            PasswordResult outOfScope = decided(request(outside, "Winter-Sun-42"));
            assertEquals(RequestStatus.REJECTED, outOfScope.status());
            assertEquals(List.of(ResultCode.ACCOUNT_OUT_OF_SCOPE), outOfScope.violations().stream()
                    .map(v -> v.code()).toList());
            validated(request(member, "Winter-Sun-42"));

            sendSettings(null, false);
            await().atMost(SETTINGS_APPLY).until(() -> inScope(outside));
            validated(request(outside, "Winter-Sun-42"));
        } finally {
            sendSettings(null, false);
            SambaTool.quietly("user", "delete", member);
            SambaTool.quietly("user", "delete", outside);
            SambaTool.quietly("group", "delete", group);
        }
    }

    /** %test configures AD mode and no scope group: a signed tombstone brings both back. */
    @Test
    void deletedSettingsBringBackTheConfiguredModeAndScope() {
        try {
            sendSettings("CN=Domain Admins,CN=Users," + StackDirectory.baseDn(), true);
            awaitMode("NIST");
            await().atMost(SETTINGS_APPLY).until(() -> inScope("alice"), in -> !in);

            sendSettingsTombstone();
            awaitMode("AD");
            await().atMost(SETTINGS_APPLY).until(() -> inScope("alice"));
        } finally {
            sendSettings(null, false);
        }
    }

    @Test
    void malformedMessageGoesToTheDeadLetterTopic() {
        String marker = "not-json-" + UUID.randomUUID();
        send("poison", marker);
        ConsumerRecord<String, String> dead = awaitRecord(ValidatorRealParts.REQUESTED_DLQ, marker);
        assertEquals(marker, dead.value());
        assertNotNull(TestKafka.header(dead, "dead-letter-reason"));
    }

    @Test
    void noPoisonRecordStopsTheRequestChannel() throws Exception {
        String prefix = "poison-" + UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> poisons = PoisonRecords.forTopic(ValidatorRealParts.REQUESTED, prefix);
        PoisonRecords.send(RealParts.kafkaBootstrapServers(), poisons);
        Set<String> dead = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = TestConsumers.fromStart(RealParts.kafkaBootstrapServers(),
                "policy-validator-test")) {
            consumer.subscribe(List.of(ValidatorRealParts.REQUESTED_DLQ));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        // unsigned, so refused before anything reads them
                        assertEquals("FORGED", TestKafka.header(record, DeadLetterHeaders.REASON), record.key());
                        dead.add(record.key());
                    }
                });
                return dead.size() == poisons.size();
            });
        }
        goodPasswordIsValidatedSignedAndPublished();
    }

    /** The admin's settings with default values but for the scope group (null: everyone) and NIST mode. */
    private static void sendSettings(String scopeGroupDn, boolean nistMode) {
        SelfServiceSettings.Values defaults = SelfServiceSettings.Values.DEFAULTS;
        SelfServiceSettings settings = SelfServiceSettings.of(new SelfServiceSettings.Values(
                defaults.writebackEnabled(), defaults.unlockAllowed(), defaults.methodsRequired(), scopeGroupDn,
                defaults.customBannedTerms(), nistMode), "test-admin", Instant.now());
        send(SignedRecords.record(ValidatorRealParts.SETTINGS, settings, SignedRecords.signerOf(Services.ADMIN)));
    }

    /** The admin deletes the settings: no value, signed like settings (the event gives only the signed headers). */
    private static void sendSettingsTombstone() {
        SelfServiceSettings about = SelfServiceSettings.of(List.of(), "test-admin", Instant.now());
        RecordHeaders headers = new RecordHeaders();
        SignedRecords.headers(about, SignedRecords.signerOf(Services.ADMIN), SelfServiceSettings.KEY, null)
                .forEach(headers::add);
        send(new ProducerRecord<>(ValidatorRealParts.SETTINGS, null, SelfServiceSettings.KEY, null, headers));
    }

    private static void awaitMode(String mode) {
        await().atMost(SETTINGS_APPLY).until(() -> given().get("/api/v1/policy").jsonPath().getString("mode"),
                mode::equals);
    }

    private static boolean inScope(String username) {
        return helpdesk().get("/api/v1/policy/" + username).then().statusCode(200).extract().jsonPath()
                .getBoolean("inScope");
    }

    /** Sends the request and returns its terminal result. */
    private static PasswordResult decided(PasswordRequested request) {
        send(request);
        return EventJson.read(awaitRecord(ValidatorRealParts.RESULTS, request.correlationId().toString()).value(),
                PasswordResult.class);
    }

    /** Sends the request and waits until it passes on to the worker. */
    private static void validated(PasswordRequested request) {
        send(request);
        assertEquals(request.userKey(), awaitRecord(ValidatorRealParts.VALIDATED, request.correlationId().toString())
                .key());
    }

    /** A self-service reset as the portal sends it: verified by email a minute ago, asking for a day. */
    private static PasswordRequested request(String username, String newPassword) {
        UUID correlationId = UUID.randomUUID();
        try (Secret secret = Secret.of(newPassword)) {
            String sealed = SignedRecords.writebackSealer().seal(secret, new SealingContext(correlationId, username,
                    Operation.RESET, SealingContext.Field.NEW_PASSWORD));
            String forCheck = SignedRecords.validationSealer().seal(secret, new SealingContext(correlationId, username,
                    Operation.RESET, SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR));
            Instant now = Instant.now();
            return new PasswordRequested(UUID.randomUUID(), correlationId, now, now.plus(Duration.ofDays(1)),
                    SsprEvent.SCHEMA_VERSION, Operation.RESET, username, username, null, sealed, forCheck, username,
                    false, new Verification(List.of(Verification.Method.email), now.minusSeconds(60)), null);
        }
    }

    /** Signed by the portal, as it sends requests. */
    private static void send(PasswordRequested request) {
        send(SignedRecords.record(ValidatorRealParts.REQUESTED, request, SignedRecords.signerOf(Services.RESET_PORTAL)));
    }

    private static void send(String key, String value) {
        send(new ProducerRecord<>(ValidatorRealParts.REQUESTED, key, value));
    }

    private static void send(ProducerRecord<String, String> record) {
        try {
            TestKafka.send(record);
        } catch (Exception e) {
            throw new AssertionError("cannot produce: " + RealParts.HINT, e);
        }
    }

    /** The first record on the topic whose value contains the marker (the topics keep earlier runs' records). */
    private static ConsumerRecord<String, String> awaitRecord(String topic, String marker) {
        try (KafkaConsumer<String, String> consumer = TestConsumers.fromStart(RealParts.kafkaBootstrapServers(),
                "policy-validator-test")) {
            consumer.subscribe(List.of(topic));
            return TestKafka.awaitRecord(consumer, record -> record.value() != null && record.value().contains(marker));
        }
    }
}
