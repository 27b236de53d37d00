package io.sspr.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.Control;
import io.sspr.directory.AccountFilters;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.json.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class UserEntriesTest {
    private static final String GUID = "8f4e2b1a-3c5d-4e6f-9a0b-1c2d3e4f5a6b";
    private static final String DN = "CN=Alice Anders,CN=Users,DC=example,DC=test";
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    private static SearchResultEntry entry(Attribute... extra) {
        List<Attribute> attributes = new ArrayList<>(List.of(
                new Attribute("objectGUID", AccountFilters.guidBytes(GUID)),
                new Attribute("sAMAccountName", "alice"),
                new Attribute("userPrincipalName", "alice@example.test"),
                new Attribute("mail", "alice.anders@example.test"),
                new Attribute("mobile", "+41 79 123 45 67"),
                new Attribute("displayName", "Alice Anders"),
                new Attribute("userAccountControl", "512"),
                new Attribute("msDS-User-Account-Control-Computed", "0"),
                new Attribute("uSNChanged", "4711")));
        for (Attribute attribute : extra) {
            attributes.removeIf(a -> a.getName().equalsIgnoreCase(attribute.getName()));
            attributes.add(attribute);
        }
        return new SearchResultEntry(DN, attributes, new Control[0]);
    }

    @Test
    void mapsTheProfileAndKeysItByObjectGuidText() {
        DirectoryUserPublished user = UserEntries.toEvent(entry(), true, now);

        assertEquals(GUID, user.userKey());
        assertEquals(GUID, user.objectGuid());
        assertEquals(DN, user.dn());
        assertEquals("alice", user.accountName());
        assertEquals("alice@example.test", user.userPrincipalName());
        assertEquals("alice.anders@example.test", user.mail());
        assertEquals("+41 79 123 45 67", user.mobile());
        assertEquals("Alice Anders", user.displayName());
        assertTrue(user.enabled());
        assertFalse(user.locked());
        assertFalse(user.protectedAccount());
        assertTrue(user.inScope());
        assertEquals(4711L, user.usnChanged());
        assertEquals(now, user.occurredAt());
        assertEquals("sspr.directory.users.v1", user.cloudEventType());
    }

    @Test
    void theGuidTextIsWindowsMixedEndianForm() {
        byte[] bytes = {0x1a, 0x2b, 0x4e, (byte) 0x8f, 0x5d, 0x3c, 0x6f, 0x4e, (byte) 0x9a, 0x0b, 0x1c, 0x2d, 0x3e,
            0x4f, 0x5a, 0x6b};
        assertEquals(GUID, UserEntries.toEvent(entry(new Attribute("objectGUID", bytes)), true, now).userKey());
    }

    @Test
    void accountDisableBitMeansDisabled() {
        assertFalse(UserEntries.toEvent(entry(new Attribute("userAccountControl", "514")), true, now).enabled());
        assertTrue(UserEntries.toEvent(entry(new Attribute("userAccountControl", "66048")), true, now).enabled());
    }

    @Test
    void lockedComesFromTheComputedFlagsSoAnExpiredLockoutIsNotLocked() {
        assertTrue(UserEntries.toEvent(entry(new Attribute("msDS-User-Account-Control-Computed", "16")), true, now)
                .locked());
        // lockoutTime still set but the lockout has expired: the DC computes no LOCKOUT bit
        assertFalse(UserEntries.toEvent(entry(new Attribute("msDS-User-Account-Control-Computed", "0"),
                new Attribute("lockoutTime", "134067000000000000")), true, now).locked());
        // password expired (0x800000) alone is not a lockout
        assertFalse(UserEntries.toEvent(entry(new Attribute("msDS-User-Account-Control-Computed", "8388608")),
                true, now).locked());
    }

    @Test
    void adminCountOneIsAProtectedAccount() {
        assertTrue(UserEntries.toEvent(entry(new Attribute("adminCount", "1")), true, now).protectedAccount());
        assertFalse(UserEntries.toEvent(entry(new Attribute("adminCount", "0")), true, now).protectedAccount());
    }

    @Test
    void scopeIsWhatTheCallerFoundInTheGroup() {
        assertFalse(UserEntries.toEvent(entry(), false, now).inScope());
    }

    @Test
    void missingProfileAttributesAreNull() {
        SearchResultEntry bare = new SearchResultEntry(DN, List.of(
                new Attribute("objectGUID", AccountFilters.guidBytes(GUID)),
                new Attribute("sAMAccountName", "alice"),
                new Attribute("uSNChanged", "12")), new Control[0]);

        DirectoryUserPublished user = UserEntries.toEvent(bare, true, now);

        assertNull(user.mail());
        assertNull(user.mobile());
        assertNull(user.displayName());
        assertNull(user.userPrincipalName());
        assertTrue(user.enabled());
        assertFalse(user.locked());
        assertFalse(user.protectedAccount());
        assertEquals(12L, user.usnChanged());
    }

    @Test
    void anEntryWithoutObjectGuidIsNotPublishable() {
        SearchResultEntry noGuid = new SearchResultEntry(DN, List.of(new Attribute("sAMAccountName", "x")),
                new Control[0]);
        assertFalse(UserEntries.publishable(noGuid));
        assertTrue(UserEntries.publishable(entry()));
    }

    @Test
    void noPasswordAttributeIsRequestedOrPublished() {
        for (String attribute : UserEntries.ATTRIBUTES) {
            String name = attribute.toLowerCase(Locale.ROOT);
            assertFalse(name.contains("pwd") || name.contains("password") || name.contains("credential")
                    || name.contains("hash"), attribute);
        }
        // Even if a DC returned more than asked for, nothing beyond the record's fields is published.
        SearchResultEntry leaky = entry(new Attribute("pwdLastSet", "134067000000000000"),
                new Attribute("unicodePwd", "\"Secret-123!\""), new Attribute("supplementalCredentials", "blob"));
        String json = EventJson.write(UserEntries.toEvent(leaky, true, now)).toLowerCase(Locale.ROOT);
        for (String forbidden : List.of("pwd", "password", "secret-123", "134067000000000000", "credential")) {
            assertFalse(json.contains(forbidden), forbidden + " in " + json);
        }
    }

    @Test
    void filtersSelectPeopleNotComputers() {
        assertEquals("(&(objectCategory=person)(objectClass=user))", UserEntries.USERS.toString());
        assertEquals("(&(&(objectCategory=person)(objectClass=user))(uSNChanged>=4712))",
                UserEntries.changedSince(4712).toString());
        assertEquals("(&(&(objectCategory=person)(objectClass=user))"
                + "(memberOf:1.2.840.113556.1.4.1941:=CN=SSPR \\28pilot\\29,DC=example,DC=test))",
                UserEntries.membersOf("CN=SSPR (pilot),DC=example,DC=test").toString());
        assertTrue(Arrays.asList(UserEntries.ATTRIBUTES).contains("uSNChanged"));
    }

    @Test
    void dnsAreComparedNormalised() {
        assertEquals(DirectorySync.normalise("CN=Alice Anders,CN=Users,DC=example,DC=test"),
                DirectorySync.normalise("cn=alice anders, cn=users, dc=EXAMPLE, dc=test"));
    }
}
