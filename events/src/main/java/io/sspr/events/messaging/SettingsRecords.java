package io.sspr.events.messaging;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.crypto.EventVerifier;
import java.util.Optional;

/**
 * How every service reads the compacted {@code sspr.settings}: only the self-service key concerns it; settings and
 * their removal (a tombstone) count only when a signer trusted for settings signed them (the portal's admin API, the
 * operator); settings made before those in force are a replay of an older record, refused and dead-lettered. The
 * service applies what this returns, then calls {@link #applied}, so that settings it could not apply stay newer.
 */
public final class SettingsRecords {
    private final EventVerifier verifier;
    /** The settings in force, null before any; older ones arriving later are replays. */
    private volatile SelfServiceSettings inForce;

    /** What a record of the topic means for this service. */
    public sealed interface Change {
    }

    /** New settings, to apply. */
    public record Replaced(SelfServiceSettings settings) implements Change {
    }

    /** The settings were removed: the service's own configuration applies again. */
    public record Removed() implements Change {
    }

    public SettingsRecords(EventVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @return empty for a key of another service, or for the settings in force read again (a service that saved them
     *         applied them before they came back from the topic)
     * @throws UnprocessableEventException FORGED or MALFORMED as the verifier says, REFUSED for a replay
     */
    public Optional<Change> read(IncomingRecord record) {
        if (!SelfServiceSettings.KEY.equals(record.key())) {
            return Optional.empty();
        }
        if (record.payload() == null) {
            verifier.verifyTombstone(record, SelfServiceSettings.class);
            return Optional.of(new Removed());
        }
        SelfServiceSettings settings = verifier.verify(record, SelfServiceSettings.class);
        SelfServiceSettings current = inForce;
        if (current != null && current.eventId().equals(settings.eventId())) {
            return Optional.empty();
        }
        if (current != null && !settings.occurredAt().isAfter(current.occurredAt())) {
            // Signed once, sent again later: the topic is read in order, so newer settings came first.
            throw refused("made before the settings in force (a replay)");
        }
        return Optional.of(new Replaced(settings));
    }

    /** The settings are in force now. */
    public void applied(SelfServiceSettings settings) {
        inForce = settings;
    }

    /** Settings this service cannot apply: those in force stay, the record is dead-lettered with the reason. */
    public static UnprocessableEventException refused(String reason) {
        return new UnprocessableEventException(UnprocessableEventException.Reason.REFUSED,
                "settings refused, those in force stay: " + reason);
    }
}
