package io.sspr.worker.sync;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.worker.directory.PagedSearch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Mirrors the directory's users onto sspr.directory.users: a full pass publishes every user under the base DN,
 * then each pass publishes the users whose uSNChanged is above the watermark, plus those whose scope membership
 * flipped (a group change moves the group's uSNChanged, not the member's); when the scope group itself changes
 * (the admin's settings), the next pass is a full one again. The watermark is the DC's
 * highestCommittedUSN read <em>before</em> each search, so a change made while a pass runs is published now or at
 * the next pass, never missed; publishing a user twice is harmless on a compacted topic.
 *
 * <p>A pass that fails (DC or Kafka down) changes no state, logs a WARN and is simply repeated at the next
 * interval; the first pass stays a full pass until one succeeds. The schedule is {@link DirectorySyncService}'s; this
 * is plain Java, so it runs in tests without Quarkus.
 */
public final class DirectorySync {
    private static final Logger LOG = Logger.getLogger(DirectorySync.class);

    /** What one pass did: counts only, never attribute values. */
    public record PassResult(boolean full, int published, int changed, int scopeFlips, Integer inScope,
            int skipped, long millis) {
        /** For the log line: how many users the scope group holds, or that there is none. */
        String scope() {
            return inScope == null ? "no scope group" : inScope + " in scope";
        }
    }

    private final LDAPConnectionPool pool;
    private final PagedSearch search;
    /** Read at every pass: the admin's settings may change it at any time. */
    private final Supplier<Optional<String>> scopeGroupDn;
    private final int pageSize;
    private final UserPublisher publisher;
    private final Clock clock;

    /** Null until a full pass succeeded. */
    private Long watermark;
    /** Normalised DNs of in-scope users at the last successful pass; null without a scope group. */
    private Set<String> inScopeDns;
    /** The scope group (normalised) of the last successful pass; empty for everyone. */
    private Optional<String> syncedScopeGroup = Optional.empty();

    /**
     * @param scopeGroupDn asked at every pass; when its answer differs from the last successful pass's, the pass is a
     *        full one, so every user is published again with the new inScope
     */
    public DirectorySync(LDAPConnectionPool pool, String baseDn, Supplier<Optional<String>> scopeGroupDn, int pageSize,
            UserPublisher publisher, Clock clock) {
        this.pool = pool;
        this.search = new PagedSearch(pool, baseDn, pageSize);
        this.scopeGroupDn = scopeGroupDn;
        this.pageSize = pageSize;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Whether a full pass has succeeded, so changes are now published as they happen. */
    public synchronized boolean initialised() {
        return watermark != null;
    }

    /**
     * One pass as the schedule runs it: logged, and never thrown, so a failure only waits for the next pass.
     *
     * @param interval until the next pass, for the log
     * @return whether the pass succeeded
     */
    public boolean runScheduledPass(Duration interval) {
        try {
            PassResult pass = runPass();
            // An idle pass every few seconds is not news: only passes that published something are logged at INFO.
            Logger.Level level = pass.published() > 0 || pass.full() ? Logger.Level.INFO : Logger.Level.DEBUG;
            LOG.logf(level, "directory sync %s pass: %d users published (%d changed, %d scope changes, %s, %d skipped) "
                    + "in %d ms", pass.full() ? "full" : "incremental", pass.published(), pass.changed(),
                    pass.scopeFlips(), pass.scope(), pass.skipped(), pass.millis());
            return true;
        } catch (LDAPException e) {
            LOG.warnf("directory sync pass failed, retrying in %s: directory: %s: %s", interval, e.getResultCode(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // Kafka not acknowledging, a timeout, or a bug: never let it end the schedule.
            LOG.warnf("directory sync pass failed, retrying in %s: %s: %s", interval, e.getClass().getSimpleName(),
                    e.getMessage());
        }
        return false;
    }

    /** One pass: full until one has succeeded, incremental afterwards. State changes only when it succeeds. */
    public synchronized PassResult runPass() throws LDAPException {
        long started = System.nanoTime();
        // Read before searching: whatever changes after this is found by this search or the next.
        long highest = highestCommittedUsn();
        Optional<String> group = scopeGroupDn.get().map(String::strip).filter(dn -> !dn.isEmpty());
        // Everyone's inScope may differ under another group: simplest and surely right is to publish everyone again.
        boolean scopeChanged = watermark != null
                && !group.map(DirectorySync::normalise).equals(syncedScopeGroup.map(DirectorySync::normalise));
        if (scopeChanged) {
            LOG.infof("the scope group changed (now %s): a full pass publishes everyone's inScope again",
                    group.map(dn -> "members of " + dn).orElse("everyone"));
        }
        // A lower USN than before means another DC or a restored one: its USNs say nothing about ours.
        boolean full = watermark == null || highest < watermark || scopeChanged;
        Set<String> scope = group.isPresent() ? inScopeDns(group.get()) : null;
        if (full && scope != null && pool.getEntry(group.get(), SearchRequest.NO_ATTRIBUTES) == null) {
            LOG.warn("the scope group (the admin's settings, else sspr.worker.sync.scope-group-dn) does not exist: "
                    + "nobody is in scope");
        }

        Filter filter = full ? UserEntries.USERS : UserEntries.changedSince(watermark + 1);
        // DNs published by an incremental pass, so a scope flip is not published twice; a full pass needs none.
        Set<String> published = new HashSet<>();
        int[] counts = {0, 0}; // published, skipped
        List<DirectoryUserPublished> batch = new ArrayList<>();
        search.forEach(filter, UserEntries.ATTRIBUTES, entry -> {
            if (!UserEntries.publishable(entry)) {
                counts[1]++;
                return;
            }
            String dn = normalise(entry.getDN());
            batch.add(UserEntries.toEvent(entry, scope == null || scope.contains(dn), clock.instant()));
            counts[0]++;
            if (!full) {
                published.add(dn);
            }
            if (batch.size() >= pageSize) {
                publish(batch);
            }
        });
        publish(batch);
        int changed = counts[0];

        int flips = 0;
        if (!full && scope != null && inScopeDns != null) {
            Set<String> flipped = new HashSet<>(scope);
            flipped.addAll(inScopeDns);
            Set<String> unchanged = new HashSet<>(scope);
            unchanged.retainAll(inScopeDns);
            flipped.removeAll(unchanged);
            flipped.removeAll(published);
            for (String dn : flipped) {
                SearchResultEntry entry = readUser(dn);
                if (entry == null || !UserEntries.publishable(entry)) {
                    continue; // deleted or moved since: a move is published as a change above or next pass
                }
                batch.add(UserEntries.toEvent(entry, scope.contains(dn), clock.instant()));
                flips++;
                if (batch.size() >= pageSize) {
                    publish(batch);
                }
            }
            publish(batch);
        }

        watermark = highest;
        inScopeDns = scope;
        syncedScopeGroup = group;
        return new PassResult(full, changed + flips, changed, flips, scope == null ? null : scope.size(),
                counts[1], (System.nanoTime() - started) / 1_000_000);
    }

    private void publish(List<DirectoryUserPublished> batch) {
        if (!batch.isEmpty()) {
            publisher.publish(List.copyOf(batch));
            batch.clear();
        }
    }

    private long highestCommittedUsn() throws LDAPException {
        SearchResultEntry rootDse = pool.getEntry("", "highestCommittedUSN");
        Long usn = rootDse == null ? null : rootDse.getAttributeValueAsLong("highestCommittedUSN");
        if (usn == null) {
            throw new LDAPException(ResultCode.NO_SUCH_ATTRIBUTE,
                    "the DC's root DSE has no highestCommittedUSN: not an Active Directory DC?");
        }
        return usn;
    }

    /** One in-chain search: the DC resolves nested groups. An unknown group has no members. */
    private Set<String> inScopeDns(String groupDn) throws LDAPException {
        Set<String> dns = new HashSet<>();
        search.forEach(UserEntries.membersOf(groupDn), new String[] {SearchRequest.NO_ATTRIBUTES},
                entry -> dns.add(normalise(entry.getDN())));
        return dns;
    }

    private SearchResultEntry readUser(String dn) throws LDAPException {
        try {
            SearchResult result = pool.search(dn, SearchScope.BASE, UserEntries.USERS, UserEntries.ATTRIBUTES);
            return result.getEntryCount() == 1 ? result.getSearchEntries().get(0) : null;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw e;
        }
    }

    /** DNs as the SDK normalises them (case, spacing), so a set lookup does not depend on how the DC wrote one. */
    static String normalise(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn.toLowerCase(Locale.ROOT);
        }
    }
}
