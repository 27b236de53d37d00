package io.sspr.worker.sync;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.sspr.directory.AccountFilters;
import io.sspr.events.DirectoryUserPublished;
import java.time.Instant;

/**
 * Which entries the sync reads and how one becomes a {@link DirectoryUserPublished}. The attribute list is the
 * whole of what leaves the directory: no password attribute is ever requested, so none can be published.
 */
public final class UserEntries {
    /** People, not computers (computers are objectClass=user too). */
    public static final Filter USERS = Filter.createANDFilter(
            Filter.createEqualityFilter("objectCategory", "person"),
            Filter.createEqualityFilter("objectClass", "user"));

    /** Nested membership: LDAP_MATCHING_RULE_IN_CHAIN, evaluated by the DC. */
    public static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

    static final String OBJECT_GUID = "objectGUID";
    static final String USN_CHANGED = "uSNChanged";
    static final String UAC = "userAccountControl";
    static final String UAC_COMPUTED = "msDS-User-Account-Control-Computed";

    public static final String[] ATTRIBUTES = {OBJECT_GUID, "sAMAccountName", "userPrincipalName", "mail", "mobile",
        "displayName", UAC, UAC_COMPUTED, "adminCount", USN_CHANGED};

    /** userAccountControl ACCOUNTDISABLE. */
    static final int ACCOUNT_DISABLE = 0x2;
    /** msDS-User-Account-Control-Computed UF_LOCKOUT: set only while the lockout lasts. */
    static final int LOCKOUT = 0x10;

    private UserEntries() {
    }

    /** Users changed since (and including) {@code fromUsn}. */
    public static Filter changedSince(long fromUsn) {
        return Filter.createANDFilter(USERS, Filter.createGreaterOrEqualFilter(USN_CHANGED, Long.toString(fromUsn)));
    }

    /** Users that are members of the group, directly or through nested groups. */
    public static Filter membersOf(String groupDn) {
        return Filter.createANDFilter(USERS, Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN, false, groupDn));
    }

    /** Whether the entry can be published at all: every user has an objectGUID; anything else is skipped. */
    public static boolean publishable(SearchResultEntry entry) {
        byte[] guid = entry.getAttributeValueBytes(OBJECT_GUID);
        return guid != null && guid.length == 16;
    }

    public static DirectoryUserPublished toEvent(SearchResultEntry entry, boolean inScope, Instant now) {
        long uac = flags(entry, UAC);
        long computed = flags(entry, UAC_COMPUTED);
        Long usn = entry.getAttributeValueAsLong(USN_CHANGED);
        return DirectoryUserPublished.of(
                AccountFilters.guidText(entry.getAttributeValueBytes(OBJECT_GUID)),
                entry.getDN(),
                entry.getAttributeValue("sAMAccountName"),
                entry.getAttributeValue("userPrincipalName"),
                entry.getAttributeValue("mail"),
                entry.getAttributeValue("mobile"),
                entry.getAttributeValue("displayName"),
                (uac & ACCOUNT_DISABLE) == 0,
                (computed & LOCKOUT) != 0,
                Integer.valueOf(1).equals(entry.getAttributeValueAsInteger("adminCount")),
                inScope,
                usn == null ? 0L : usn,
                now);
    }

    /** A flag word; absent or unreadable counts as no flags set. */
    private static long flags(SearchResultEntry entry, String attribute) {
        Long value = entry.getAttributeValueAsLong(attribute);
        return value == null ? 0L : value;
    }
}
