package io.sspr.e2e;

import static io.sspr.events.Services.ADMIN;
import static io.sspr.events.Services.AUDIT_SERVICE;
import static io.sspr.events.Services.POLICY_VALIDATOR;
import static io.sspr.events.Services.RESET_PORTAL;
import static io.sspr.events.Services.WRITEBACK_WORKER;
import static io.sspr.events.messaging.UnprocessableEventException.Reason.FORGED;
import static io.sspr.events.messaging.UnprocessableEventException.Reason.MALFORMED;
import static io.sspr.events.messaging.UnprocessableEventException.Reason.REFUSED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.Operation;
import io.sspr.events.Operator;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.Producers;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.Verification;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.events.json.EventJson;
import io.sspr.events.messaging.UnprocessableEventException.Reason;
import io.sspr.events.testing.PoisonRecords;
import io.sspr.events.testing.SignedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The hostile records of {@link HostileInputIT}, one {@link KafkaCase} each with what its consumers must do. Every
 * record that a broken check would let through is armed: an admin reset of a test user with a password sealed
 * correctly for the worker, so a forgery that got through would show as a moved {@code pwdLastSet}. Records with a
 * genuine signature that must be processed are disarmed instead (a change with a wrong current password, a password
 * sealed for someone else, or an expiry in the past), since the producer they play is allowed to ask for them.
 */
final class HostileKafkaCases {

    /** Who consumes each topic the services read, and so must dead-letter what it cannot process. */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.PASSWORD_REQUESTED, List.of(POLICY_VALIDATOR, AUDIT_SERVICE),
            Topics.PASSWORD_VALIDATED, List.of(WRITEBACK_WORKER, RESET_PORTAL),
            Topics.PASSWORD_RESULTS, List.of(RESET_PORTAL, AUDIT_SERVICE),
            Topics.AUDIT_EVENTS, List.of(AUDIT_SERVICE),
            Topics.SETTINGS, List.of(POLICY_VALIDATOR, RESET_PORTAL, WRITEBACK_WORKER));

    static final List<String> TOPICS = List.of(Topics.PASSWORD_REQUESTED, Topics.PASSWORD_VALIDATED,
            Topics.PASSWORD_RESULTS, Topics.AUDIT_EVENTS, Topics.SETTINGS);

    /** The validator's own TTL: no validated event may live longer, whatever the request asked. */
    static final Duration VALIDATOR_TTL = Duration.ofMinutes(5);

    /** What one consumer must do with the record. */
    enum Handling {
        DEAD_LETTER, PROCESSED, EITHER
    }

    record ConsumerExpectation(String service, Handling handling, Reason reason) {
        String describe() {
            return switch (handling) {
                case DEAD_LETTER -> service + " dead-letters " + reason + " + audit";
                case PROCESSED -> service + " processes";
                case EITHER -> service + " processes or dead-letters " + reason;
            };
        }
    }

    /** One record, what must follow it, and (once sent) where it went. */
    static final class KafkaCase {
        final String category;
        final String name;
        final ProducerRecord<String, byte[]> record;
        final List<ConsumerExpectation> consumers = new ArrayList<>();
        /** A result must follow for this correlation id, with one of these statuses (never SUCCEEDED). */
        UUID resultFor;
        Set<RequestStatus> resultStatuses = Set.of();
        /** The validator's validated event for {@link #resultFor} must expire within its own TTL. */
        boolean expiryCapped;
        /** An event the audit service must not have stored (it was forged). */
        UUID forgedEventId;
        UUID forgedCorrelationId;
        /** Where the broker put it. */
        RecordMetadata sent;

        KafkaCase(String category, String name, ProducerRecord<String, byte[]> record) {
            this.category = category;
            this.name = name;
            this.record = record;
        }

        KafkaCase deadLetteredBy(Reason reason) {
            CONSUMERS.get(record.topic()).forEach(s -> consumers.add(new ConsumerExpectation(s, Handling.DEAD_LETTER,
                    reason)));
            return this;
        }

        KafkaCase consumer(String service, Handling handling, Reason reason) {
            consumers.add(new ConsumerExpectation(service, handling, reason));
            return this;
        }

        KafkaCase result(UUID correlationId, RequestStatus... statuses) {
            resultFor = correlationId;
            resultStatuses = Set.of(statuses);
            return this;
        }

        KafkaCase forged(SsprEvent event) {
            forgedEventId = event.eventId();
            forgedCorrelationId = event.correlationId();
            return this;
        }

        String expected() {
            List<String> parts = new ArrayList<>();
            consumers.forEach(c -> parts.add(c.describe()));
            if (resultFor != null) {
                parts.add("result " + resultStatuses.stream().map(Enum::name).sorted().collect(Collectors.joining("/"))
                        + (expiryCapped ? ", validated expiry ≤ " + VALIDATOR_TTL.toMinutes() + " min" : ""));
            }
            return String.join("; ", parts);
        }
    }

    private final TestUser victim;
    private final TestUser other;
    private final List<UUID> portalRequests;
    private final Map<String, EventSigner> signers = new HashMap<>();
    private final Map<String, EventSigner> attackers = new HashMap<>();
    private final SecretSealer writeback = SignedRecords.writebackSealer();
    private final SecretSealer validation = SignedRecords.validationSealer();
    private final List<KafkaCase> cases = new ArrayList<>();
    /** The passwords armed records carry: none may ever bind. */
    final List<String> armedPasswords = new ArrayList<>();
    private int portalRequestIndex;

    /**
     * @param victim the account every hostile record aims at
     * @param other the account a changed or wrongly sealed record names instead
     * @param portalRequests real requests of the portal that forged results name
     */
    HostileKafkaCases(TestUser victim, TestUser other, List<UUID> portalRequests) {
        this.victim = victim;
        this.other = other;
        this.portalRequests = portalRequests;
        for (String service : Services.SIGNERS) {
            signers.put(service, SignedRecords.signerOf(service));
        }
    }

    static String userKey(TestUser user) {
        return user.samAccountName().toLowerCase(Locale.ROOT);
    }

    List<KafkaCase> build() {
        for (String topic : TOPICS) {
            generic(topic);
        }
        requestSpecials();
        validatedSpecials();
        for (String topic : TOPICS) {
            poison(topic);
        }
        return cases;
    }

    // ------------------------------------------------------------------------------------------- every topic

    private void generic(String topic) {
        String producer = rightful(topic);
        String t = short_(topic);

        // unsigned
        SsprEvent unsigned = genuine(topic, victim);
        add("unsigned", t + ": no signature", bytes(withoutHeader(signed(topic, unsigned, signers.get(producer)),
                EventSigner.HEADER)), FORGED, unsigned);

        // signed by the wrong service, with its own genuine key
        for (String service : Services.SIGNERS) {
            // settings have two rightful signers (the portal's admin API and the operator): neither is wrong
            if (!Producers.producersOf(unsigned.getClass()).contains(service)) {
                SsprEvent event = genuine(topic, victim);
                add("signed by the wrong service", t + " signed by " + service,
                        bytes(SignedRecords.record(topic, event, signers.get(service))), FORGED, event);
            }
        }
        if (topic.equals(Topics.PASSWORD_RESULTS)) {
            // the validator may report some results, never a written password; a result names its real reporter
            PasswordResult succeeded = result(RequestStatus.SUCCEEDED, POLICY_VALIDATOR);
            add("signed by the wrong service", "results: SUCCEEDED reported and signed by the validator",
                    bytes(SignedRecords.record(topic, succeeded, signers.get(POLICY_VALIDATOR))), FORGED, succeeded);
            PasswordResult rejected = result(RequestStatus.REJECTED, POLICY_VALIDATOR);
            add("signed by the wrong service", "results: REJECTED of the validator signed by the worker",
                    bytes(SignedRecords.record(topic, rejected, signers.get(WRITEBACK_WORKER))), FORGED, rejected);
        }
        if (topic.equals(Topics.AUDIT_EVENTS)) {
            AuditEvent audit = audit(victim, AUDIT_SERVICE);
            add("signed by the wrong service", "audit: logged by audit-service, signed by the portal",
                    bytes(SignedRecords.record(topic, audit, signers.get(RESET_PORTAL))), FORGED, audit);
        }

        // an unknown key claiming the rightful producer, or a producer that does not exist
        SsprEvent claimed = genuine(topic, victim);
        add("signed by an unknown key", t + ": unknown key as " + producer,
                bytes(SignedRecords.record(topic, claimed, attacker(producer))), FORGED, claimed);
        SsprEvent root = genuine(topic, victim);
        add("signed by an unknown key", t + ": unknown key as urn:sspr:root",
                bytes(SignedRecords.record(topic, root, attacker("root"))), FORGED, root);

        // a genuine record, its user changed and signed again with the attacker's key
        SsprEvent original = genuine(topic, victim);
        SsprEvent changed = withUser(original, other);
        add("re-signed with a changed user", t + ": user changed, re-signed by an attacker",
                bytes(SignedRecords.record(topic, changed, attacker(producer))), FORGED, changed);

        tampered(topic, producer, t);
        malformed(topic, producer, t);
    }

    /** A genuine signature of the rightful producer, over something else than what arrives. */
    private void tampered(String topic, String producer, String t) {
        String category = "genuine signature, tampered";
        EventSigner signer = signers.get(producer);

        SsprEvent event = genuine(topic, victim);
        ProducerRecord<String, String> genuine = signed(topic, event, signer);
        String otherValue = EventJson.write(withUser(event, other));
        add(category, t + ": value changed (another user)",
                bytes(new ProducerRecord<>(topic, null, genuine.key(), otherValue, genuine.headers())), FORGED, event);

        if (!topic.equals(Topics.SETTINGS)) { // the settings consumer reads only its own key
            event = genuine(topic, victim);
            genuine = signed(topic, event, signer);
            add(category, t + ": key changed",
                    bytes(new ProducerRecord<>(topic, null, userKey(other), genuine.value(), genuine.headers())),
                    FORGED, event);

            event = genuine(topic, victim);
            add(category, t + ": signed over another key than the event's user",
                    bytes(SignedRecords.record(topic, userKey(other), EventJson.write(event), event, signer)), FORGED,
                    event);
        }

        event = genuine(topic, victim);
        add(category, t + ": ce_type changed", withHeader(signed(topic, event, signer), "ce_type",
                otherType(topic)), FORGED, event);

        event = genuine(topic, victim);
        add(category, t + ": ce_id changed", withHeader(signed(topic, event, signer), "ce_id",
                UUID.randomUUID().toString()), FORGED, event);

        event = genuine(topic, victim);
        String otherSource = Services.source(producer.equals(POLICY_VALIDATOR) ? WRITEBACK_WORKER : POLICY_VALIDATOR);
        add(category, t + ": ce_source changed to another producer", withHeader(signed(topic, event, signer),
                "ce_source", otherSource), FORGED, event);

        event = genuine(topic, victim);
        SsprEvent claimedId = withEventId(event, UUID.randomUUID());
        // signed for ce_id = claimedId's id, while the value carries the event's own id
        add(category, t + ": signed ce_id differs from the event id",
                bytes(SignedRecords.record(topic, event.userKey(), EventJson.write(event), claimedId, signer)), FORGED,
                event);

        event = genuine(topic, victim);
        add(category, t + ": signature not base64", withHeader(signed(topic, event, signer), EventSigner.HEADER,
                "!!not*base64!!"), FORGED, event);

        event = genuine(topic, victim);
        ProducerRecord<String, String> truncated = signed(topic, event, signer);
        byte[] signature = truncated.headers().lastHeader(EventSigner.HEADER).value();
        add(category, t + ": signature truncated", withHeader(truncated, EventSigner.HEADER,
                new String(Arrays.copyOf(signature, 24), StandardCharsets.US_ASCII)), FORGED, event);

        event = genuine(topic, victim);
        ProducerRecord<String, String> donor = signed(topic, genuine(topic, victim), signer);
        add(category, t + ": signature copied from another genuine record", withHeader(signed(topic, event, signer),
                EventSigner.HEADER, new String(donor.headers().lastHeader(EventSigner.HEADER).value(),
                        StandardCharsets.US_ASCII)), FORGED, event);
    }

    /** Signed by the rightful producer, but not the event: malformed and oversized JSON, wrong types. */
    private void malformed(String topic, String producer, String t) {
        EventSigner signer = signers.get(producer);
        Map<String, Function<SsprEvent, String>> values = new LinkedHashMap<>();
        values.put("truncated JSON", e -> EventJson.write(e).substring(0, 20));
        values.put("not JSON", e -> "this is not JSON");
        values.put("JSON array", e -> "[" + EventJson.write(e) + "]");
        values.put("empty value", e -> "");
        values.put("missing fields", e -> "{\"eventId\":\"" + e.eventId() + "\",\"schemaVersion\":1}");
        values.put("wrong types", e -> edit(e, json -> {
            json.put("occurredAt", true);
            json.putArray("correlationId").add(1).add(2);
        }));
        values.put("schemaVersion 99", e -> edit(e, json -> json.put("schemaVersion", 99)));
        values.put("oversized (70 KB)", e -> edit(e, json -> json.put("padding", "x".repeat(70_000))));
        values.put("nested 5000 deep", e -> "{\"eventId\":\"" + e.eventId() + "\",\"padding\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}");
        if (!topic.equals(Topics.SETTINGS) && !topic.equals(Topics.AUDIT_EVENTS)) {
            values.put("unknown operation", e -> edit(e, json -> json.put("operation", "SUPER_RESET")));
        }
        if (topic.equals(Topics.PASSWORD_RESULTS)) {
            values.put("status not terminal", e -> edit(e, json -> json.put("status", "ACCEPTED")));
        }
        if (topic.equals(Topics.AUDIT_EVENTS)) {
            values.put("unknown result", e -> edit(e, json -> json.put("result", "maybe")));
        }
        if (topic.equals(Topics.SETTINGS)) {
            values.put("banned term of 2 characters", e -> edit(e, json -> json.putArray("customBannedTerms").add("ab")));
            values.put("1001 banned terms", e -> edit(e, json -> {
                var terms = json.putArray("customBannedTerms");
                for (int i = 0; i < 1001; i++) {
                    terms.add("term" + i);
                }
            }));
        }
        values.forEach((name, value) -> {
            SsprEvent event = genuine(topic, victim);
            String text = value.apply(event);
            add(name.startsWith("oversized") ? "oversized JSON, signed" : "malformed JSON, signed", t + ": " + name,
                    bytes(SignedRecords.record(topic, event.userKey(), text, event, signer)), MALFORMED, event);
        });
    }

    // ------------------------------------------------------------------------------------------- requests

    private void requestSpecials() {
        String topic = Topics.PASSWORD_REQUESTED;
        EventSigner portal = signers.get(RESET_PORTAL);
        Instant now = Instant.now();

        // expired, armed: only the expiry stands between it and a written password
        for (Instant expiry : List.of(now.minusSeconds(60), Instant.EPOCH, now)) {
            PasswordRequested request = armedRequest(victim, Operation.ADMIN_RESET, now, expiry, null, operator());
            add(new KafkaCase("expired", "requested ADMIN_RESET expiring " + expiry, bytes(signed(topic, request,
                    portal))).consumer(POLICY_VALIDATOR, Handling.PROCESSED, null)
                    .consumer(AUDIT_SERVICE, Handling.PROCESSED, null)
                    .result(request.correlationId(), RequestStatus.EXPIRED));
        }

        // far-future expiry: the validator gives its validated event its own TTL; the change itself fails on the
        // wrong current password
        for (Instant expiry : List.of(now.plus(Duration.ofDays(365)), Instant.parse("9999-12-31T23:59:59Z"),
                Instant.MAX)) {
            PasswordRequested request = wrongCurrentChange(victim, now, expiry);
            KafkaCase kafkaCase = new KafkaCase("far-future expiry", "requested CHANGE expiring " + expiry,
                    bytes(signed(topic, request, portal))).consumer(POLICY_VALIDATOR, Handling.PROCESSED, null)
                    .consumer(AUDIT_SERVICE, Handling.PROCESSED, null)
                    .result(request.correlationId(), RequestStatus.FAILED);
            kafkaCase.expiryCapped = true;
            add(kafkaCase);
        }

        // resets and unlocks without the portal's attestation, admin resets without an operator: refused
        Map<String, PasswordRequested> unattested = new LinkedHashMap<>();
        unattested.put("RESET without verification", armedRequest(victim, Operation.RESET, now, null, null, null));
        unattested.put("RESET with no methods", armedRequest(victim, Operation.RESET, now, null,
                new Verification(List.of(), now.minusSeconds(30)), null));
        unattested.put("RESET without completion time", armedRequest(victim, Operation.RESET, now, null,
                new Verification(List.of(Verification.Method.email), null), null));
        unattested.put("RESET verified after the request", armedRequest(victim, Operation.RESET, now, null,
                new Verification(List.of(Verification.Method.email), now.plus(Duration.ofMinutes(10))), null));
        unattested.put("RESET verified a day ago", armedRequest(victim, Operation.RESET, now, null,
                new Verification(List.of(Verification.Method.mobilePhone), now.minus(Duration.ofDays(1))), null));
        unattested.put("UNLOCK without verification", armedRequest(victim, Operation.UNLOCK, now, null, null, null));
        unattested.put("UNLOCK verified a day ago", armedRequest(victim, Operation.UNLOCK, now, null,
                new Verification(List.of(Verification.Method.email), now.minus(Duration.ofDays(1))), null));
        unattested.put("ADMIN_RESET without operator", armedRequest(victim, Operation.ADMIN_RESET, now, null, null,
                null));
        unattested.put("ADMIN_RESET operator without subject", armedRequest(victim, Operation.ADMIN_RESET, now, null,
                null, new Operator("urn:sspr:local-stack", " ", "helpdesk@example.test")));
        unattested.put("ADMIN_RESET operator without issuer", armedRequest(victim, Operation.ADMIN_RESET, now, null,
                null, new Operator(null, "helpdesk", "helpdesk@example.test")));
        unattested.forEach((name, request) -> add(new KafkaCase("reset/unlock without attestation", name,
                bytes(signed(topic, request, portal))).consumer(POLICY_VALIDATOR, Handling.DEAD_LETTER, REFUSED)
                .consumer(AUDIT_SERVICE, Handling.PROCESSED, null)));

        // sealed for another user, operation, request or field: nothing opens, so nothing is written
        String category = "sealed for another user or operation";
        Map<String, PasswordRequested> missealed = new LinkedHashMap<>();
        missealed.put("validator's copy sealed for another user", missealedRequest(c -> new SealingContext(
                c.correlationId(), userKey(other), c.operation(), c.field()), true));
        missealed.put("validator's copy sealed for CHANGE", missealedRequest(c -> new SealingContext(
                c.correlationId(), c.userKey(), Operation.CHANGE, c.field()), true));
        missealed.put("validator's copy sealed as the worker's", missealedRequest(c -> new SealingContext(
                c.correlationId(), c.userKey(), c.operation(), SealingContext.Field.NEW_PASSWORD), true));
        missealed.put("worker's copy sealed for another user", missealedRequest(c -> new SealingContext(
                c.correlationId(), userKey(other), c.operation(), c.field()), false));
        missealed.put("worker's copy sealed for RESET", missealedRequest(c -> new SealingContext(
                c.correlationId(), c.userKey(), Operation.RESET, c.field()), false));
        missealed.put("worker's copy sealed for another request", missealedRequest(c -> new SealingContext(
                UUID.randomUUID(), c.userKey(), c.operation(), c.field()), false));
        missealed.put("worker's copy sealed as the current password", missealedRequest(c -> new SealingContext(
                c.correlationId(), c.userKey(), c.operation(), SealingContext.Field.CURRENT_PASSWORD), false));
        missealed.forEach((name, request) -> add(new KafkaCase(category, "requested ADMIN_RESET: " + name,
                bytes(signed(topic, request, portal))).consumer(POLICY_VALIDATOR, Handling.PROCESSED, null)
                .consumer(AUDIT_SERVICE, Handling.PROCESSED, null)
                .result(request.correlationId(), RequestStatus.FAILED)));

        // LDAP-special characters, lone surrogates and NUL in the user name of a genuine request: the validator finds
        // no such account (or refuses it); the audit service stores the claim or dead-letters what PostgreSQL refuses
        Map<String, String[]> usernames = new LinkedHashMap<>();
        usernames.put("lone surrogate", new String[] {"lone surrogates and NUL, signed", "\ud800" + victim.samAccountName()});
        usernames.put("NUL", new String[] {"lone surrogates and NUL, signed", victim.samAccountName() + "\u0000admin"});
        usernames.put("LDAP filter", new String[] {"LDAP-special characters, signed", victim.samAccountName() + "*)(cn=*"});
        usernames.put("DN syntax", new String[] {"LDAP-special characters, signed",
                "cn=" + victim.samAccountName() + ",cn=Users,dc=example,dc=test"});
        usernames.forEach((name, what) -> {
            PasswordRequested request = wrongCurrentChange(victim, now, now.plus(Duration.ofMinutes(5)), what[1]);
            add(new KafkaCase(what[0], "requested CHANGE, username with " + name, bytes(SignedRecords.record(topic,
                    request.userKey(), escapeSurrogates(EventJson.write(request)), request, portal)))
                    .consumer(POLICY_VALIDATOR, Handling.PROCESSED, null)
                    .consumer(AUDIT_SERVICE, Handling.EITHER, MALFORMED)
                    .result(request.correlationId(), RequestStatus.FAILED, RequestStatus.REJECTED));
        });
        // a user key that cannot survive UTF-8 (a lone surrogate): the record key no longer matches the event
        PasswordRequested surrogateKey = withUserKey(armedRequest(victim, Operation.ADMIN_RESET, now, null, null,
                operator()), "\udc00" + userKey(victim));
        add(new KafkaCase("lone surrogates and NUL, signed", "requested, user key with a lone surrogate",
                bytes(SignedRecords.record(topic, surrogateKey.userKey(), escapeSurrogates(EventJson.write(
                        surrogateKey)), surrogateKey, portal))).deadLetteredBy(FORGED).forged(surrogateKey));

        // unknown fields in a genuine request change nothing: it stays a change with a wrong current password
        PasswordRequested withExtras = wrongCurrentChange(victim, now, now.plus(Duration.ofMinutes(5)));
        String extras = edit(withExtras, json -> {
            json.put("isAdmin", true);
            json.put("role", "Domain Admins");
            json.putObject("override").put("operation", "ADMIN_RESET");
        });
        add(new KafkaCase("unknown fields, signed", "requested CHANGE with unknown fields",
                bytes(SignedRecords.record(topic, withExtras.userKey(), extras, withExtras, portal)))
                .consumer(POLICY_VALIDATOR, Handling.PROCESSED, null).consumer(AUDIT_SERVICE, Handling.PROCESSED, null)
                .result(withExtras.correlationId(), RequestStatus.FAILED));
    }

    // ------------------------------------------------------------------------------------------- validated

    private void validatedSpecials() {
        String topic = Topics.PASSWORD_VALIDATED;
        EventSigner validator = signers.get(POLICY_VALIDATOR);
        Instant now = Instant.now();
        String category = "sealed for another user or operation";
        Map<String, Function<SealingContext, SealingContext>> contexts = new LinkedHashMap<>();
        contexts.put("sealed for another user", c -> new SealingContext(c.correlationId(), userKey(other),
                c.operation(), c.field()));
        contexts.put("sealed for UNLOCK", c -> new SealingContext(c.correlationId(), c.userKey(), Operation.UNLOCK,
                c.field()));
        contexts.put("sealed for another request", c -> new SealingContext(UUID.randomUUID(), c.userKey(),
                c.operation(), c.field()));
        contexts.put("sealed as the current password", c -> new SealingContext(c.correlationId(), c.userKey(),
                c.operation(), SealingContext.Field.CURRENT_PASSWORD));
        contexts.forEach((name, context) -> {
            PasswordValidated event = armedValidated(victim, now, now.plus(VALIDATOR_TTL), context, writeback);
            add(new KafkaCase(category, "validated ADMIN_RESET " + name, bytes(signed(topic, event, validator)))
                    .consumer(WRITEBACK_WORKER, Handling.PROCESSED, null).consumer(RESET_PORTAL, Handling.PROCESSED,
                            null)
                    .result(event.correlationId(), RequestStatus.FAILED));
        });
        PasswordValidated wrongKeyset = armedValidated(victim, now, now.plus(VALIDATOR_TTL), c -> c, validation);
        add(new KafkaCase(category, "validated ADMIN_RESET sealed to the validator's keyset", bytes(signed(topic,
                wrongKeyset, validator))).consumer(WRITEBACK_WORKER, Handling.PROCESSED, null)
                .consumer(RESET_PORTAL, Handling.PROCESSED, null).result(wrongKeyset.correlationId(),
                        RequestStatus.FAILED));

        for (Instant expiry : List.of(now.minusSeconds(1), now.minus(Duration.ofDays(7)))) {
            PasswordValidated expired = armedValidated(victim, now.minusSeconds(600), expiry, c -> c, writeback);
            add(new KafkaCase("expired", "validated ADMIN_RESET expired at " + expiry, bytes(signed(topic, expired,
                    validator))).consumer(WRITEBACK_WORKER, Handling.PROCESSED, null)
                    .consumer(RESET_PORTAL, Handling.PROCESSED, null)
                    .result(expired.correlationId(), RequestStatus.EXPIRED));
        }
    }

    // ------------------------------------------------------------------------------------------- poison

    private void poison(String topic) {
        String prefix = "hostile-" + UUID.randomUUID();
        for (ProducerRecord<String, byte[]> record : PoisonRecords.forTopic(topic, prefix)) {
            String name = short_(topic) + ": " + record.key().substring(prefix.length() + 1);
            // the settings consumer reads only the settings' key: a poison under another key is not its business
            ProducerRecord<String, byte[]> sent = topic.equals(Topics.SETTINGS)
                    ? new ProducerRecord<>(topic, null, SelfServiceSettings.KEY, record.value(),
                            record.headers())
                    : record;
            add(new KafkaCase("poison records", name, sent).deadLetteredBy(FORGED));
        }
    }

    // ------------------------------------------------------------------------------------------- replays

    /** A genuine request with a wrong current password, to send twice: two identical failed results, no write. */
    KafkaCase replayedRequest(PasswordRequested request, int copy) {
        KafkaCase kafkaCase = new KafkaCase("replayed", "requested CHANGE, copy " + copy, bytes(signed(
                Topics.PASSWORD_REQUESTED, request, signers.get(RESET_PORTAL))))
                .consumer(POLICY_VALIDATOR, Handling.PROCESSED, null).consumer(AUDIT_SERVICE, Handling.PROCESSED, null)
                .result(request.correlationId(), RequestStatus.FAILED);
        return kafkaCase;
    }

    PasswordRequested wrongCurrentChange(TestUser user) {
        Instant now = Instant.now();
        return wrongCurrentChange(user, now, now.plus(Duration.ofMinutes(5)));
    }

    /** An unsigned armed request sent twice: each copy dead-lettered on its own. */
    KafkaCase replayedUnsigned(ProducerRecord<String, byte[]> record, int copy) {
        return new KafkaCase("replayed", "unsigned requested, copy " + copy, record).deadLetteredBy(FORGED);
    }

    ProducerRecord<String, byte[]> unsignedArmedRequest() {
        Instant now = Instant.now();
        PasswordRequested request = armedRequest(victim, Operation.ADMIN_RESET, now, null, null, operator());
        return bytes(withoutHeader(signed(Topics.PASSWORD_REQUESTED, request, signers.get(RESET_PORTAL)),
                EventSigner.HEADER));
    }

    /** The control: an admin reset as the validator sends it, to the password given. */
    PasswordValidated controlReset(TestUser user, String password) {
        Instant now = Instant.now();
        UUID correlationId = UUID.randomUUID();
        String sealed = writeback.seal(Secret.of(password), new SealingContext(correlationId, userKey(user),
                Operation.ADMIN_RESET, SealingContext.Field.NEW_PASSWORD));
        return new PasswordValidated(UUID.randomUUID(), correlationId, now, now.plus(VALIDATOR_TTL),
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), Operation.ADMIN_RESET, userKey(user),
                user.samAccountName(), user.dn(), null, null, sealed, false);
    }

    /** The second control: a genuine admin reset as the portal sends it (with its operator), to the password given. */
    PasswordRequested controlRequest(TestUser user, String password) {
        Instant now = Instant.now();
        UUID correlationId = UUID.randomUUID();
        String key = userKey(user);
        return new PasswordRequested(UUID.randomUUID(), correlationId, now, now.plus(Duration.ofMinutes(5)),
                SsprEvent.SCHEMA_VERSION, Operation.ADMIN_RESET, key, user.samAccountName(), null,
                writeback.seal(Secret.of(password), new SealingContext(correlationId, key, Operation.ADMIN_RESET,
                        SealingContext.Field.NEW_PASSWORD)),
                validation.seal(Secret.of(password), new SealingContext(correlationId, key, Operation.ADMIN_RESET,
                        SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR)),
                "e2e-control", false, null, operator());
    }

    ProducerRecord<String, byte[]> signedByPortal(PasswordRequested event) {
        return bytes(signed(Topics.PASSWORD_REQUESTED, event, signers.get(RESET_PORTAL)));
    }

    ProducerRecord<String, byte[]> signedByValidator(PasswordValidated event) {
        return bytes(signed(Topics.PASSWORD_VALIDATED, event, signers.get(POLICY_VALIDATOR)));
    }

    // ------------------------------------------------------------------------------------------- events

    private static String rightful(String topic) {
        return switch (topic) {
            case Topics.PASSWORD_REQUESTED -> RESET_PORTAL;
            case Topics.PASSWORD_VALIDATED -> POLICY_VALIDATOR;
            case Topics.PASSWORD_RESULTS -> WRITEBACK_WORKER;
            case Topics.AUDIT_EVENTS -> RESET_PORTAL;
            case Topics.SETTINGS -> ADMIN;
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private static String otherType(String topic) {
        return topic.equals(Topics.PASSWORD_VALIDATED) ? PasswordRequested.TYPE : PasswordValidated.TYPE;
    }

    private static String short_(String topic) {
        return topic.substring("sspr.".length());
    }

    /** What the rightful producer would send, armed against the user. */
    private SsprEvent genuine(String topic, TestUser user) {
        Instant now = Instant.now();
        return switch (topic) {
            case Topics.PASSWORD_REQUESTED -> armedRequest(user, Operation.ADMIN_RESET, now, null, null, operator());
            case Topics.PASSWORD_VALIDATED -> armedValidated(user, now, now.plus(VALIDATOR_TTL), c -> c, writeback);
            case Topics.PASSWORD_RESULTS -> result(RequestStatus.SUCCEEDED, WRITEBACK_WORKER);
            case Topics.AUDIT_EVENTS -> audit(user, RESET_PORTAL);
            case Topics.SETTINGS -> SelfServiceSettings.of(List.of("hostile" + user.samAccountName(),
                    "letmein2024", "Password1"), "e2e-attacker", now);
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private PasswordRequested armedRequest(TestUser user, Operation operation, Instant now, Instant expiry,
            Verification verification, Operator operator) {
        UUID correlationId = UUID.randomUUID();
        String key = userKey(user);
        String password = armedPassword();
        String sealedNew = operation == Operation.UNLOCK ? null : writeback.seal(Secret.of(password),
                new SealingContext(correlationId, key, operation, SealingContext.Field.NEW_PASSWORD));
        String sealedForValidator = operation == Operation.UNLOCK ? null : validation.seal(Secret.of(password),
                new SealingContext(correlationId, key, operation, SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR));
        return new PasswordRequested(UUID.randomUUID(), correlationId, now,
                expiry == null ? now.plus(Duration.ofMinutes(5)) : expiry, SsprEvent.SCHEMA_VERSION, operation, key,
                user.samAccountName(), null, sealedNew, sealedForValidator, "e2e-attacker", false, verification,
                operator);
    }

    /** An admin reset whose copies are sealed with these contexts (the validator's or the worker's one changed). */
    private PasswordRequested missealedRequest(Function<SealingContext, SealingContext> change, boolean validatorCopy) {
        Instant now = Instant.now();
        UUID correlationId = UUID.randomUUID();
        String key = userKey(victim);
        String password = armedPassword();
        SealingContext forWorker = new SealingContext(correlationId, key, Operation.ADMIN_RESET,
                SealingContext.Field.NEW_PASSWORD);
        SealingContext forValidator = new SealingContext(correlationId, key, Operation.ADMIN_RESET,
                SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR);
        String sealedNew = writeback.seal(Secret.of(password), validatorCopy ? forWorker : change.apply(forWorker));
        SealingContext validatorContext = validatorCopy ? change.apply(forValidator) : forValidator;
        SecretSealer validatorSealer = validatorCopy && validatorContext.field() == SealingContext.Field.NEW_PASSWORD
                ? writeback : validation;
        String sealedForValidator = validatorSealer.seal(Secret.of(password), validatorContext);
        return new PasswordRequested(UUID.randomUUID(), correlationId, now, now.plus(Duration.ofMinutes(5)),
                SsprEvent.SCHEMA_VERSION, Operation.ADMIN_RESET, key, victim.samAccountName(), null, sealedNew,
                sealedForValidator, "e2e-attacker", false, null, operator());
    }

    private PasswordRequested wrongCurrentChange(TestUser user, Instant now, Instant expiry) {
        return wrongCurrentChange(user, now, expiry, user.samAccountName());
    }

    /** A change with a current password nobody has: the directory refuses it, whatever came before. */
    private PasswordRequested wrongCurrentChange(TestUser user, Instant now, Instant expiry, String username) {
        UUID correlationId = UUID.randomUUID();
        String key = userKey(user);
        String password = armedPassword();
        String current = armedPassword();
        return new PasswordRequested(UUID.randomUUID(), correlationId, now, expiry, SsprEvent.SCHEMA_VERSION,
                Operation.CHANGE, key, username,
                writeback.seal(Secret.of(current), new SealingContext(correlationId, key, Operation.CHANGE,
                        SealingContext.Field.CURRENT_PASSWORD)),
                writeback.seal(Secret.of(password), new SealingContext(correlationId, key, Operation.CHANGE,
                        SealingContext.Field.NEW_PASSWORD)),
                validation.seal(Secret.of(password), new SealingContext(correlationId, key, Operation.CHANGE,
                        SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR)),
                username, false, null, null);
    }

    private PasswordValidated armedValidated(TestUser user, Instant now, Instant expiry,
            Function<SealingContext, SealingContext> context, SecretSealer sealer) {
        UUID correlationId = UUID.randomUUID();
        String key = userKey(user);
        String sealed = sealer.seal(Secret.of(armedPassword()), context.apply(new SealingContext(correlationId, key,
                Operation.ADMIN_RESET, SealingContext.Field.NEW_PASSWORD)));
        return new PasswordValidated(UUID.randomUUID(), correlationId, now, expiry, SsprEvent.SCHEMA_VERSION,
                UUID.randomUUID(), Operation.ADMIN_RESET, key, user.samAccountName(), user.dn(), null, null, sealed,
                false);
    }

    /** A result for one of the portal's real requests, so a forged one that got through would show there. */
    private PasswordResult result(RequestStatus status, String reportedBy) {
        UUID correlationId = portalRequests.isEmpty() ? UUID.randomUUID()
                : portalRequests.get(portalRequestIndex++ % portalRequests.size());
        List<io.sspr.events.Violation> violations = status == RequestStatus.SUCCEEDED ? List.of()
                : List.of(io.sspr.events.Violation.of(ResultCode.PASSWORD_NOT_COMPLEX));
        return new PasswordResult(UUID.randomUUID(), correlationId, Instant.now(), SsprEvent.SCHEMA_VERSION,
                Operation.CHANGE, userKey(victim), victim.samAccountName(), status,
                status == RequestStatus.SUCCEEDED ? ResultCode.PASSWORD_CHANGED : ResultCode.PASSWORD_NOT_COMPLEX,
                null, violations, reportedBy);
    }

    private AuditEvent audit(TestUser user, String loggedBy) {
        return new AuditEvent(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), SsprEvent.SCHEMA_VERSION,
                userKey(user), AuditActivity.RESET_PASSWORD_BY_ADMIN, AuditEvent.AuditResult.success, null,
                "e2e-attacker", user.upn(), loggedBy, Map.of("stage", "result", "status", "SUCCEEDED"));
    }

    private static Operator operator() {
        return new Operator("urn:sspr:local-stack", "helpdesk-e2e", "helpdesk@example.test");
    }

    private String armedPassword() {
        String password = TestDirectory.randomPassword();
        synchronized (armedPasswords) {
            armedPasswords.add(password);
        }
        return password;
    }

    /** The same event for another user (and, for a request, sealed for that user: a complete forgery). */
    private SsprEvent withUser(SsprEvent event, TestUser user) {
        String key = userKey(user);
        if (event instanceof PasswordRequested r) {
            return new PasswordRequested(r.eventId(), r.correlationId(), r.occurredAt(),
                    r.expiresAt(), r.schemaVersion(), r.operation(), key, user.samAccountName(),
                    r.sealedCurrentPassword(),
                    writeback.seal(Secret.of(armedPassword()), new SealingContext(r.correlationId(), key,
                            r.operation(), SealingContext.Field.NEW_PASSWORD)),
                    validation.seal(Secret.of(armedPassword()), new SealingContext(r.correlationId(), key,
                            r.operation(), SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR)),
                    r.initiatedBy(), r.mustChangeAtNextLogon(), r.verification(), r.operator());
        }
        if (event instanceof PasswordValidated v) {
            return new PasswordValidated(v.eventId(), v.correlationId(), v.occurredAt(),
                    v.expiresAt(), v.schemaVersion(), v.requestEventId(), v.operation(), key, user.samAccountName(),
                    user.dn(), null, null, writeback.seal(Secret.of(armedPassword()), new SealingContext(
                            v.correlationId(), key, v.operation(), SealingContext.Field.NEW_PASSWORD)),
                    v.mustChangeAtNextLogon());
        }
        if (event instanceof PasswordResult r) {
            return new PasswordResult(r.eventId(), r.correlationId(), r.occurredAt(),
                    r.schemaVersion(), r.operation(), key, user.samAccountName(), r.status(), r.code(), r.message(),
                    r.violations(), r.reportedBy());
        }
        if (event instanceof AuditEvent a) {
            return new AuditEvent(a.eventId(), a.correlationId(), a.occurredAt(), a.schemaVersion(), key,
                    a.activity(), a.result(), a.resultReason(), a.initiatedBy(), user.upn(), a.loggedByService(),
                    a.details());
        }
        if (event instanceof SelfServiceSettings s) {
            return new SelfServiceSettings(s.eventId(), s.correlationId(), s.occurredAt(), s.schemaVersion(),
                    s.writebackEnabled(), s.unlockAllowed(), s.methodsRequired(), s.scopeGroupDn(), List.of(),
                    s.nistMode(), user.samAccountName());
        }
        throw new IllegalArgumentException(event.getClass().getName());
    }

    private static PasswordRequested withUserKey(PasswordRequested r, String key) {
        return new PasswordRequested(r.eventId(), r.correlationId(), r.occurredAt(), r.expiresAt(), r.schemaVersion(),
                r.operation(), key, r.username(), r.sealedCurrentPassword(), r.sealedNewPassword(),
                r.sealedNewPasswordForValidator(), r.initiatedBy(), r.mustChangeAtNextLogon(), r.verification(),
                r.operator());
    }

    private static SsprEvent withEventId(SsprEvent event, UUID eventId) {
        if (event instanceof PasswordRequested r) {
            return new PasswordRequested(eventId, r.correlationId(), r.occurredAt(),
                    r.expiresAt(), r.schemaVersion(), r.operation(), r.userKey(), r.username(),
                    r.sealedCurrentPassword(), r.sealedNewPassword(), r.sealedNewPasswordForValidator(),
                    r.initiatedBy(), r.mustChangeAtNextLogon(), r.verification(), r.operator());
        }
        if (event instanceof PasswordValidated v) {
            return new PasswordValidated(eventId, v.correlationId(), v.occurredAt(),
                    v.expiresAt(), v.schemaVersion(), v.requestEventId(), v.operation(), v.userKey(), v.username(),
                    v.userDn(), v.objectGuid(), v.sealedCurrentPassword(), v.sealedNewPassword(),
                    v.mustChangeAtNextLogon());
        }
        if (event instanceof PasswordResult r) {
            return new PasswordResult(eventId, r.correlationId(), r.occurredAt(), r.schemaVersion(),
                    r.operation(), r.userKey(), r.username(), r.status(), r.code(), r.message(), r.violations(),
                    r.reportedBy());
        }
        if (event instanceof AuditEvent a) {
            return new AuditEvent(eventId, a.correlationId(), a.occurredAt(), a.schemaVersion(),
                    a.userKey(), a.activity(), a.result(), a.resultReason(), a.initiatedBy(), a.targetUser(),
                    a.loggedByService(), a.details());
        }
        if (event instanceof SelfServiceSettings s) {
            return new SelfServiceSettings(eventId, s.correlationId(), s.occurredAt(), s.schemaVersion(),
                    s.writebackEnabled(), s.unlockAllowed(), s.methodsRequired(), s.scopeGroupDn(),
                    s.customBannedTerms(), s.nistMode(), s.updatedBy());
        }
        throw new IllegalArgumentException(event.getClass().getName());
    }

    // ------------------------------------------------------------------------------------------- records

    private EventSigner attacker(String claimed) {
        return attackers.computeIfAbsent(claimed, name -> new EventSigner(name, Keysets.newSigningKeyset()));
    }

    private static ProducerRecord<String, String> signed(String topic, SsprEvent event, EventSigner signer) {
        return SignedRecords.record(topic, event, signer);
    }

    private void add(String category, String name, ProducerRecord<String, byte[]> record, Reason reason,
            SsprEvent forged) {
        KafkaCase kafkaCase = new KafkaCase(category, name, record).deadLetteredBy(reason);
        if (forged != null) {
            kafkaCase.forged(forged);
        }
        add(kafkaCase);
    }

    private void add(KafkaCase kafkaCase) {
        cases.add(kafkaCase);
    }

    static ProducerRecord<String, byte[]> bytes(ProducerRecord<String, String> record) {
        return new ProducerRecord<>(record.topic(), null, record.key(),
                record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8), record.headers());
    }

    private static ProducerRecord<String, String> withoutHeader(ProducerRecord<String, String> record, String name) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().equals(name)) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, String> record, String name,
            String value) {
        ProducerRecord<String, String> without = withoutHeader(record, name);
        without.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        return bytes(without);
    }

    /** JSON as a broken or hostile producer writes it: a lone surrogate as its escape, which Jackson reads back. */
    static String escapeSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (paired) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String edit(SsprEvent event, java.util.function.Consumer<ObjectNode> change) {
        try {
            JsonNode json = EventJson.mapper().readTree(EventJson.write(event));
            change.accept((ObjectNode) json);
            return EventJson.mapper().writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
