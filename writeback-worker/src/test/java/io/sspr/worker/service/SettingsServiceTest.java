package io.sspr.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.Services;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.messaging.IncomingRecord;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.events.testing.SignedRecords;
import io.sspr.worker.config.AdminSettings;
import io.sspr.worker.testing.SettingsTombstones;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The admin's settings as the worker takes them, without Kafka: who may set and delete them, replays, and what they
 * change (the admin's writeback switch, the scope group). The same on the running worker: SettingsChannelTest.
 */
class SettingsServiceTest {
    private static final String TOPIC = "sspr.settings";
    private static final Optional<String> CONFIGURED = Optional.of("CN=Configured,CN=Users,DC=example,DC=test");

    private final KeysetHandle adminKey = Keysets.newSigningKeyset();
    private final KeysetHandle portalKey = Keysets.newSigningKeyset();
    private final KeysetHandle validatorKey = Keysets.newSigningKeyset();
    private final EventSigner admin = new EventSigner(Services.ADMIN, adminKey);
    private final EventSigner portal = new EventSigner(Services.RESET_PORTAL, portalKey);
    private final AdminSettings settings = new AdminSettings();
    private final SettingsService service = new SettingsService(settings, new EventVerifier(Map.of(
            Services.ADMIN, Keysets.publicPart(adminKey), Services.RESET_PORTAL, Keysets.publicPart(portalKey),
            Services.POLICY_VALIDATOR, Keysets.publicPart(validatorKey))));

    private static SelfServiceSettings settings(boolean writebackEnabled, String scopeGroupDn, Instant at) {
        return SelfServiceSettings.of(new SelfServiceSettings.Values(writebackEnabled, true, 1, scopeGroupDn,
                List.of(), false), "test-admin", at);
    }

    @Test
    void withoutSettingsTheWorkersConfigurationApplies() {
        assertTrue(settings.writebackEnabled());
        assertEquals(CONFIGURED, settings.scopeGroupDn(CONFIGURED));
    }

    @Test
    void theAdminsSettingsApplyAtOnceAndNoScopeGroupMeansEveryone() {
        service.apply(SignedRecords.incoming(TOPIC, settings(false, null, Instant.now()), admin));

        assertFalse(settings.writebackEnabled());
        assertEquals(Optional.empty(), settings.scopeGroupDn(CONFIGURED), "none in the settings: everyone");

        service.apply(SignedRecords.incoming(TOPIC, settings(true, "CN=SSPR,DC=example,DC=test",
                Instant.now().plusSeconds(1)), portal));
        assertTrue(settings.writebackEnabled(), "the portal's admin API signs settings too");
        assertEquals(Optional.of("CN=SSPR,DC=example,DC=test"), settings.scopeGroupDn(CONFIGURED));
    }

    @Test
    void aTombstoneBringsBackTheWorkersConfiguration() {
        service.apply(SignedRecords.incoming(TOPIC, settings(false, null, Instant.now()), admin));

        service.apply(SettingsTombstones.incoming(TOPIC, admin));

        assertTrue(settings.current().isEmpty());
        assertTrue(settings.writebackEnabled());
        assertEquals(CONFIGURED, settings.scopeGroupDn(CONFIGURED));
    }

    @Test
    void settingsMadeBeforeThoseInForceAreARefusedReplay() {
        Instant now = Instant.now();
        SelfServiceSettings current = settings(false, null, now);
        service.apply(SignedRecords.incoming(TOPIC, current, admin));

        IncomingRecord replay = SignedRecords.incoming(TOPIC, settings(true, null, now.minusSeconds(3600)), admin);
        UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                () -> service.apply(replay));
        assertEquals(UnprocessableEventException.Reason.REFUSED, refused.reason());
        assertEquals(current, settings.current().orElseThrow(), "the settings in force stay");

        service.apply(SettingsTombstones.incoming(TOPIC, admin));
        assertThrows(UnprocessableEventException.class, () -> service.apply(replay),
                "still a replay after the settings were deleted");
        assertTrue(settings.current().isEmpty());
    }

    @Test
    void settingsOrATombstoneNotSignedByTheirProducersChangeNothing() {
        SelfServiceSettings current = settings(false, null, Instant.now());
        service.apply(SignedRecords.incoming(TOPIC, current, admin));
        EventSigner stranger = new EventSigner(Services.ADMIN, Keysets.newSigningKeyset());
        EventSigner validator = new EventSigner(Services.POLICY_VALIDATOR, validatorKey);

        for (IncomingRecord forged : List.of(
                SignedRecords.incoming(TOPIC, settings(true, null, Instant.now().plusSeconds(1)), stranger),
                SettingsTombstones.incoming(TOPIC, stranger),
                // trusted for what it produces, but settings are not its to say
                SignedRecords.incoming(TOPIC, settings(true, null, Instant.now().plusSeconds(2)), validator))) {
            UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                    () -> service.apply(forged));
            assertEquals(UnprocessableEventException.Reason.FORGED, refused.reason());
        }
        assertEquals(current, settings.current().orElseThrow());
        assertFalse(settings.writebackEnabled());
    }

    @Test
    void otherKeysOnTheTopicBelongToOtherServices() {
        service.apply(new IncomingRecord(TOPIC, 0, 0L, "something-else", "{}", Map.of()));

        assertTrue(settings.current().isEmpty());
    }
}
