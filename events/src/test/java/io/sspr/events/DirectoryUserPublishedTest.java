package io.sspr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.json.EventJson;
import io.sspr.events.json.MalformedEventException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectoryUserPublishedTest {
    private static final String GUID = "6f1c2d3e-4a5b-4c6d-8e7f-001122334455";
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private DirectoryUserPublished alice() {
        return DirectoryUserPublished.of(GUID, "CN=Alice Anders,CN=Users,DC=example,DC=test", "alice",
                "alice@example.test", "alice@example.test", "+41 79 000 00 00", "Alice Anders", true, false, false,
                true, 4711L, now);
    }

    @Test
    void roundTripsAsJson() {
        DirectoryUserPublished user = alice();
        String json = EventJson.write(user);

        assertEquals(user, EventJson.read(json, DirectoryUserPublished.class));
        assertTrue(json.contains("\"userKey\":\"" + GUID + "\""), json);
        assertTrue(json.contains("\"usnChanged\":4711"), json);
        assertFalse(json.contains("cloudEventType"), json);
    }

    @Test
    void isKeyedByObjectGuidWithItsOwnType() {
        DirectoryUserPublished user = alice();

        assertEquals(GUID, user.userKey());
        assertEquals("sspr.directory.users.v1", user.cloudEventType());
        assertEquals(SsprEvent.SCHEMA_VERSION, user.schemaVersion());
    }

    @Test
    void carriesNothingAboutPasswords() {
        String json = EventJson.write(alice()).toLowerCase(Locale.ROOT);

        for (String name : new String[] {"pwd", "password", "unicodepwd", "hash", "credential", "secret"}) {
            assertFalse(json.contains(name), name + " in " + json);
        }
    }

    @Test
    void aScopeFlipIsANewPublicationOfTheSameUser() {
        DirectoryUserPublished before = alice();
        DirectoryUserPublished after = before.withInScope(false, now.plusSeconds(1));

        assertFalse(after.inScope());
        assertNotEquals(before.eventId(), after.eventId());
        assertEquals(before.userKey(), after.userKey());
        assertEquals(before.displayName(), after.displayName());
        assertEquals(before.usnChanged(), after.usnChanged());
    }

    @Test
    void theKeyMustBeTheObjectGuid() {
        assertThrows(IllegalArgumentException.class, () -> new DirectoryUserPublished(UUID.randomUUID(),
                UUID.randomUUID(), now, 1, "alice", GUID, "CN=a", "alice", null, null, null, null, true, false,
                false, true, 1L));
    }

    @Test
    void optionalProfileFieldsMayBeMissingButTheIdentityMayNot() {
        DirectoryUserPublished bare = DirectoryUserPublished.of(GUID, "CN=x,DC=example,DC=test", "x", null, null,
                null, null, false, false, false, true, 1L, now);
        assertEquals(bare, EventJson.read(EventJson.write(bare), DirectoryUserPublished.class));

        String withoutDn = EventJson.write(bare).replace("\"dn\":\"CN=x,DC=example,DC=test\",", "");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventJson.read(withoutDn, DirectoryUserPublished.class));
        assertTrue(e.getMessage().contains("dn"), e.getMessage());
    }

    @Test
    void anotherSchemaVersionIsRefused() {
        String json = EventJson.write(alice()).replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        assertThrows(MalformedEventException.class, () -> EventJson.read(json, DirectoryUserPublished.class));
    }
}
