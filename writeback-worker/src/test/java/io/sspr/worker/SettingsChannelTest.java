package io.sspr.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.directory.AccountFilters;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.messaging.DeadLetterHeaders;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.StackDirectory;
import io.sspr.events.testing.TestKafka;
import io.sspr.worker.config.AdminSettings;
import io.sspr.worker.service.WritebackSwitch;
import io.sspr.worker.testing.SettingsTombstones;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin's settings on the running worker, over the real broker (test-only topics), the real ledger and the Samba
 * DC: the admin's writeback switch joins the worker's own at the next request, a tombstone brings back the worker's
 * configuration, and settings not signed by their producers are dead-lettered and change nothing. Each test ends with
 * the admin's tombstone, so the next application reading the topic starts from the worker's configuration.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SettingsChannelTest {
    private static final Duration WAIT = TestKafka.RECORD_WAIT;
    private static final String PASSWORD = "Settings-t3st-" + UUID.randomUUID().toString().substring(0, 6) + "!";

    private static LDAPConnection admin;

    @Inject
    AdminSettings settings;
    @Inject
    WritebackSwitch writebackSwitch;

    private final List<String> createdDns = new ArrayList<>();
    private User user;

    private record User(String dn, String name, String objectGuid) {
    }

    @BeforeAll
    static void connect() throws Exception {
        RealParts.require("LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD", "LDAP_BASE_DN");
        admin = StackDirectory.bindAs(StackDirectory.admin().bindDn(), StackDirectory.admin().bindPassword());
    }

    @AfterAll
    static void disconnect() {
        if (admin != null) {
            admin.close();
        }
    }

    @BeforeEach
    void aUserAndNoSettings() throws Exception {
        user = createUser();
        deleteTheSettings();
    }

    @AfterEach
    void noSettingsAndNoUser() throws Exception {
        try {
            deleteTheSettings();
        } finally {
            StackDirectory.deleteNewestFirst(admin, createdDns);
        }
    }

    @Test
    void theAdminsSwitchOffEndsRequestsWritebackInactiveAndOnAgainTheyAreWritten() throws Exception {
        apply(settings(false), Services.ADMIN);
        assertFalse(writebackSwitch.enabled(), "the worker's own switch is on, the admin's off");
        long pwdLastSet = pwdLastSet();

        PasswordResult refused = reset("Inactive-" + UUID.randomUUID().toString().substring(0, 6) + "9!");
        assertEquals(RequestStatus.FAILED, refused.status());
        assertEquals(ResultCode.WRITEBACK_INACTIVE, refused.code());
        assertEquals(pwdLastSet, pwdLastSet(), "nothing was written");
        assertTrue(canBind(PASSWORD), "the old password still works");

        apply(settings(true), Services.RESET_PORTAL); // the portal's admin API signs settings too
        String next = "Active-" + UUID.randomUUID().toString().substring(0, 6) + "9!";
        PasswordResult written = reset(next);
        assertEquals(RequestStatus.SUCCEEDED, written.status());
        assertTrue(canBind(next), "the new password works");
    }

    @Test
    void aTombstoneBringsBackTheWorkersOwnSwitch() throws Exception {
        apply(settings(false), Services.ADMIN);
        assertFalse(writebackSwitch.enabled());

        TestKafka.send(SettingsTombstones.record(LocalStackResource.SETTINGS, SignedRecords.signerOf(Services.ADMIN)));
        await().atMost(WAIT).until(() -> settings.current().isEmpty());

        assertTrue(writebackSwitch.enabled());
        String next = "Restored-" + UUID.randomUUID().toString().substring(0, 6) + "9!";
        assertEquals(RequestStatus.SUCCEEDED, reset(next).status());
        assertTrue(canBind(next));
    }

    @Test
    void forgedSettingsAndAForgedTombstoneAreDeadLetteredAndChangeNothing() throws Exception {
        SelfServiceSettings off = settings(false);
        apply(off, Services.ADMIN);
        EventSigner stranger = new EventSigner(Services.ADMIN, Keysets.newSigningKeyset());
        SelfServiceSettings forgedOn = settings(true);

        List<String> reasons = new ArrayList<>(); // of the forged settings, then of the forged tombstone
        try (KafkaConsumer<String, String> deadLetters = TestKafka.consumerAtEnd(LocalStackResource.SETTINGS_DLQ)) {
            TestKafka.send(SignedRecords.record(LocalStackResource.SETTINGS, forgedOn, stranger));
            TestKafka.send(SettingsTombstones.record(LocalStackResource.SETTINGS, stranger));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> dead : deadLetters.poll(Duration.ofMillis(200))) {
                    boolean ours = dead.value() == null ? reasons.size() == 1
                            : dead.value().contains(forgedOn.eventId().toString());
                    if (ours && SelfServiceSettings.KEY.equals(dead.key())) {
                        reasons.add(TestKafka.header(dead, DeadLetterHeaders.REASON));
                    }
                }
                return reasons.size() == 2;
            });
        }
        assertEquals(List.of("FORGED", "FORGED"), reasons);

        // Both were handled (in order) before their dead letters were sent.
        assertEquals(Optional.of(off.eventId()), settings.current().map(SelfServiceSettings::eventId));
        assertFalse(writebackSwitch.enabled());
        assertEquals(ResultCode.WRITEBACK_INACTIVE, reset("Forged-" + UUID.randomUUID().toString().substring(0, 6)
                + "9!").code());
    }

    // --- helpers

    private static SelfServiceSettings settings(boolean writebackEnabled) {
        return SelfServiceSettings.of(SelfServiceSettings.Values.DEFAULTS.withWritebackEnabled(writebackEnabled),
                "test-admin", Instant.now());
    }

    /** Sent as that producer and waited for until it is the settings in force. */
    private void apply(SelfServiceSettings next, String producer) throws Exception {
        TestKafka.produce(LocalStackResource.SETTINGS, next, producer);
        await().atMost(WAIT).until(() -> settings.current().map(SelfServiceSettings::eventId),
                id -> id.equals(Optional.of(next.eventId())));
    }

    private void deleteTheSettings() throws Exception {
        TestKafka.send(SettingsTombstones.record(LocalStackResource.SETTINGS, SignedRecords.signerOf(Services.ADMIN)));
        await().atMost(WAIT).until(() -> settings.current().isEmpty());
    }

    /** A self-service reset of the test user as the validator sends it; the worker's result as the portal reads it. */
    private PasswordResult reset(String newPassword) throws Exception {
        UUID correlationId = UUID.randomUUID();
        String sealed = SignedRecords.writebackSealer().seal(Secret.of(newPassword), new SealingContext(correlationId,
                user.objectGuid(), Operation.RESET, SealingContext.Field.NEW_PASSWORD));
        Instant now = Instant.now();
        PasswordValidated event = new PasswordValidated(UUID.randomUUID(), correlationId, now, now.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), Operation.RESET, user.objectGuid(), user.name(),
                user.dn(), user.objectGuid(), null, sealed, false);
        try (KafkaConsumer<String, String> results = TestKafka.consumerAtEnd(LocalStackResource.RESULTS)) {
            TestKafka.send(SignedRecords.record(LocalStackResource.VALIDATED, event,
                    SignedRecords.signerOf(Services.POLICY_VALIDATOR)));
            ConsumerRecord<String, String> result = TestKafka.awaitRecord(results,
                    r -> r.value() != null && r.value().contains(correlationId.toString()));
            return ServiceKeys.verifierOf(Services.RESET_PORTAL, SignedRecords.keysDirOf(Services.RESET_PORTAL))
                    .verify(SignedRecords.incoming(result), PasswordResult.class);
        }
    }

    private User createUser() throws LDAPException {
        String name = "wbset-" + UUID.randomUUID().toString().substring(0, 8);
        String dn = "CN=" + name + ",CN=Users," + StackDirectory.baseDn();
        admin.add(new AddRequest(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@example.test"),
                new Attribute("unicodePwd", Secret.of(PASSWORD).toUnicodePwd()),
                new Attribute("userAccountControl", "512")));
        createdDns.add(dn);
        String guid = AccountFilters.guidText(admin.getEntry(dn, "objectGUID").getAttributeValueBytes("objectGUID"));
        return new User(dn, name, guid);
    }

    private long pwdLastSet() throws LDAPException {
        Long value = admin.getEntry(user.dn(), "pwdLastSet").getAttributeValueAsLong("pwdLastSet");
        return value == null ? 0 : value;
    }

    private boolean canBind(String password) {
        try (LDAPConnection connection = StackDirectory.bindAs(user.dn(), password)) {
            return true;
        } catch (LDAPException e) {
            return false;
        }
    }
}
