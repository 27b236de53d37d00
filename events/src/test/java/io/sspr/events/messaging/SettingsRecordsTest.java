package io.sspr.events.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.events.Services;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.messaging.SettingsRecords.Removed;
import io.sspr.events.messaging.SettingsRecords.Replaced;
import io.sspr.events.messaging.UnprocessableEventException.Reason;
import io.sspr.events.testing.SignedRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One reading of sspr.settings for every service: trusted signers only, replays refused, read-backs ignored. */
class SettingsRecordsTest {
    private final KeysetHandle portalKey = Keysets.newSigningKeyset();
    private final KeysetHandle validatorKey = Keysets.newSigningKeyset();
    private final EventSigner portal = new EventSigner(Services.RESET_PORTAL, portalKey);
    private final EventSigner validator = new EventSigner(Services.POLICY_VALIDATOR, validatorKey);
    private final SettingsRecords records = new SettingsRecords(new EventVerifier(Map.of(Services.RESET_PORTAL,
            Keysets.publicPart(portalKey), Services.POLICY_VALIDATOR, Keysets.publicPart(validatorKey))));

    @Test
    void newerSettingsReplaceOlderAreReplaysAndTheSameOnesReadBackAreNothing() {
        SelfServiceSettings first = SelfServiceSettings.of(Values.DEFAULTS, "admin", Instant.parse("2026-12-01T10:00:00Z"));
        SelfServiceSettings second = SelfServiceSettings.of(List.of("contoso"), "admin",
                Instant.parse("2026-12-01T11:00:00Z"));
        Replaced replaced = assertInstanceOf(Replaced.class, records.read(incoming(first, portal)).orElseThrow());
        records.applied(replaced.settings());
        assertTrue(records.read(incoming(first, portal)).isEmpty(), "the settings in force, read back");
        records.applied(assertInstanceOf(Replaced.class, records.read(incoming(second, portal)).orElseThrow())
                .settings());
        UnprocessableEventException replay = assertThrows(UnprocessableEventException.class,
                () -> records.read(incoming(SelfServiceSettings.of(Values.DEFAULTS, "admin",
                        Instant.parse("2026-12-01T10:30:00Z")), portal)));
        assertEquals(Reason.REFUSED, replay.reason());
    }

    @Test
    void onlyTrustedSettingsSignersCountAndOtherKeysAreNotThisServicesBusiness() {
        SelfServiceSettings settings = SelfServiceSettings.of(Values.DEFAULTS, "admin", Instant.now());
        UnprocessableEventException forged = assertThrows(UnprocessableEventException.class,
                () -> records.read(incoming(settings, validator)));
        assertEquals(Reason.FORGED, forged.reason());
        IncomingRecord otherKey = new IncomingRecord("sspr.settings", 0, 0L, "password-protection", "{}", Map.of());
        assertTrue(records.read(otherKey).isEmpty());
    }

    @Test
    void aSignedTombstoneRemovesTheSettings() {
        SelfServiceSettings settings = SelfServiceSettings.of(Values.DEFAULTS, "admin", Instant.now());
        IncomingRecord tombstone = new IncomingRecord("sspr.settings", 0, 0L, SelfServiceSettings.KEY, null,
                SignedRecords.headers(settings, portal, SelfServiceSettings.KEY, null));
        assertInstanceOf(Removed.class, records.read(tombstone).orElseThrow());
        IncomingRecord unsigned = new IncomingRecord("sspr.settings", 0, 0L, SelfServiceSettings.KEY, null, Map.of());
        assertThrows(UnprocessableEventException.class, () -> records.read(unsigned));
    }

    private static IncomingRecord incoming(SelfServiceSettings settings, EventSigner signer) {
        return SignedRecords.incoming("sspr.settings", settings, signer);
    }
}
