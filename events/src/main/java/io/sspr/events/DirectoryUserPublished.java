package io.sspr.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * One directory user's profile, on the compacted topic sspr.directory.users keyed by objectGUID, so the portal and
 * the validator know names, contact details and account state without reaching the directory. The worker
 * publishes every user at start and then each user whose uSNChanged moved or whose scope membership flipped; the
 * newest record per key is the user as the directory last showed it.
 *
 * <p>Deliberately nothing about passwords (no pwdLastSet, unicodePwd, supplemental credentials, hashes): this topic
 * leaves the on-premises side, and the password age is the validator's business, read by it from the DC.
 *
 * @param userKey the objectGUID text, as {@code AccountFilters.guidText} writes it; the Kafka key
 * @param accountName sAMAccountName
 * @param enabled userAccountControl has no ACCOUNTDISABLE (0x2) bit
 * @param locked msDS-User-Account-Control-Computed has the LOCKOUT (0x10) bit, so an expired lockout counts as
 *        unlocked (lockoutTime alone would not say so)
 * @param protectedAccount adminCount=1: an administrator account that self-service must not touch
 * @param inScope member (also through nested groups) of the configured scope group; true when there is none
 * @param usnChanged the DC's uSNChanged of the entry when read; higher is newer on the same DC
 */
public record DirectoryUserPublished(
        UUID eventId,
        UUID correlationId,
        Instant occurredAt,
        int schemaVersion,
        String userKey,
        String objectGuid,
        String dn,
        String accountName,
        String userPrincipalName,
        String mail,
        String mobile,
        String displayName,
        boolean enabled,
        boolean locked,
        boolean protectedAccount,
        boolean inScope,
        long usnChanged) implements SsprEvent {

    public static final String TYPE = Topics.DIRECTORY_USERS + ".v1";

    public DirectoryUserPublished {
        requireNonNull(eventId, "eventId");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(occurredAt, "occurredAt");
        requireNonNull(userKey, "userKey");
        requireNonNull(objectGuid, "objectGuid");
        requireNonNull(dn, "dn");
        if (!userKey.equals(objectGuid)) {
            // Compaction keeps one record per key: a second key for the same account would keep a stale profile.
            throw new IllegalArgumentException("userKey must be the objectGuid");
        }
    }

    /** A new publication (fresh ids, keyed by objectGUID) of the user as read now. */
    public static DirectoryUserPublished of(String objectGuid, String dn, String accountName, String userPrincipalName,
            String mail, String mobile, String displayName, boolean enabled, boolean locked, boolean protectedAccount,
            boolean inScope, long usnChanged, Instant now) {
        return new DirectoryUserPublished(UUID.randomUUID(), UUID.randomUUID(), now, SCHEMA_VERSION, objectGuid,
                objectGuid, dn, accountName, userPrincipalName, mail, mobile, displayName, enabled, locked,
                protectedAccount, inScope, usnChanged);
    }

    /** The same user with another scope flag, for republishing a membership change that left uSNChanged alone. */
    public DirectoryUserPublished withInScope(boolean nowInScope, Instant now) {
        return of(objectGuid, dn, accountName, userPrincipalName, mail, mobile, displayName, enabled, locked,
                protectedAccount, nowInScope, usnChanged, now);
    }

    @Override
    public String cloudEventType() {
        return TYPE;
    }
}
