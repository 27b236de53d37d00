package io.sspr.worker.sync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import io.sspr.directory.AccountFilters;
import io.sspr.events.DirectoryUserPublished;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pass logic against UnboundID's in-memory server standing in for a DC: paging, the uSNChanged watermark taken
 * from the root DSE's highestCommittedUSN, and failures that leave the state alone. USNs have four digits because
 * the schema-less server compares them as strings. Scope groups are resolved by direct membership (the server
 * knows no in-chain match); nested ones need a real DC: see DirectorySyncIT.
 */
class DirectorySyncTest {
    private static final String BASE = "DC=example,DC=test";
    private static final String IN_CHAIN = ":1.2.840.113556.1.4.1941:";

    private final AtomicLong highestCommittedUsn = new AtomicLong(1000);
    private final List<List<DirectoryUserPublished>> batches = new CopyOnWriteArrayList<>();
    private InMemoryDirectoryServer server;
    private LDAPConnectionPool pool;

    @BeforeEach
    void startServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
                if (entry.getSearchEntry().getDN().isEmpty()) {
                    Entry rootDse = entry.getSearchEntry().duplicate();
                    rootDse.setAttribute("highestCommittedUSN", Long.toString(highestCommittedUsn.get()));
                    entry.setSearchEntry(rootDse);
                }
            }

            /** AD's in-chain membership as direct membership: this server knows no extensible match. */
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
                String filter = request.getRequest().getFilter().toString();
                if (filter.contains(IN_CHAIN)) {
                    SearchRequest direct = request.getRequest().duplicate();
                    direct.setFilter(filter.replace(IN_CHAIN, ""));
                    request.setRequest(direct);
                }
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add(new Entry(BASE, new Attribute("objectClass", "top", "domain")));
        server.add(new Entry("CN=Users," + BASE, new Attribute("objectClass", "top", "container")));
        server.startListening();
        pool = server.getConnectionPool(2);
    }

    @AfterEach
    void stopServer() {
        pool.close();
        server.shutDown(true);
    }

    private String addUser(String name, long usn) throws LDAPException {
        String dn = "CN=" + name + ",CN=Users," + BASE;
        server.add(new Entry(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("objectCategory", "person"),
                new Attribute("objectGUID", AccountFilters.guidBytes(UUID.randomUUID().toString())),
                new Attribute("sAMAccountName", name),
                new Attribute("userAccountControl", "512"),
                new Attribute("uSNChanged", Long.toString(usn))));
        highestCommittedUsn.accumulateAndGet(usn, Math::max);
        return dn;
    }

    private void addComputer(String name, long usn) throws LDAPException {
        server.add(new Entry("CN=" + name + ",CN=Users," + BASE,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user", "computer"),
                new Attribute("objectCategory", "computer"),
                new Attribute("objectGUID", AccountFilters.guidBytes(UUID.randomUUID().toString())),
                new Attribute("sAMAccountName", name + "$"),
                new Attribute("uSNChanged", Long.toString(usn))));
    }

    private DirectorySync sync(int pageSize) {
        return new DirectorySync(pool, BASE, Optional::empty, pageSize, batches::add, Clock.systemUTC());
    }

    private List<String> publishedNames() {
        return batches.stream().flatMap(List::stream).map(DirectoryUserPublished::accountName).sorted().toList();
    }

    @Test
    void theFullPassPublishesEveryPersonPageByPageButNoComputer() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            names.add("user" + i);
            addUser("user" + i, 1001 + i);
        }
        addComputer("ws1", 1010);

        DirectorySync.PassResult pass = sync(3).runPass();

        assertTrue(pass.full());
        assertEquals(7, pass.published());
        assertEquals(names, publishedNames());
        assertTrue(batches.size() >= 3, "published page by page, not all at the end");
        assertTrue(batches.stream().flatMap(List::stream).allMatch(DirectoryUserPublished::inScope),
                "without a scope group everyone is in scope");
    }

    @Test
    void laterPassesPublishOnlyWhatChangedSinceTheWatermark() throws Exception {
        addUser("alice", 1001);
        String bob = addUser("bob", 1002);
        DirectorySync sync = sync(100);
        sync.runPass();
        batches.clear();

        server.modify(bob, new Modification(ModificationType.REPLACE, "mobile", "+41 79 1"),
                new Modification(ModificationType.REPLACE, "uSNChanged", "1003"));
        highestCommittedUsn.set(1003);
        DirectorySync.PassResult changed = sync.runPass();

        assertFalse(changed.full());
        assertEquals(1, changed.published());
        assertEquals(List.of("bob"), publishedNames());
        assertEquals("+41 79 1", batches.get(0).get(0).mobile());

        batches.clear();
        assertEquals(0, sync.runPass().published(), "nothing changed since");
        assertTrue(batches.isEmpty());
    }

    @Test
    void aLowerHighestUsnMeansAnotherDcSoTheNextPassIsFull() throws Exception {
        addUser("alice", 1005);
        DirectorySync sync = sync(100);
        sync.runPass();

        highestCommittedUsn.set(1001);
        DirectorySync.PassResult pass = sync.runPass();

        assertTrue(pass.full());
        assertEquals(1, pass.published());
    }

    /**
     * The admin's settings name another scope group, or none: the next pass is a full one, so every user is published
     * again with its inScope under the new group, though no user changed. (Nested groups: DirectorySyncIT.)
     */
    @Test
    void aChangedScopeGroupMakesTheNextPassFullWithEveryonesNewInScope() throws Exception {
        String group = "CN=SSPR Users,CN=Users," + BASE;
        String alice = addUser("alice", 1001);
        addUser("bob", 1002);
        server.modify(alice, new Modification(ModificationType.ADD, "memberOf", group));
        AtomicReference<Optional<String>> scope = new AtomicReference<>(Optional.empty());
        DirectorySync sync = new DirectorySync(pool, BASE, scope::get, 100, batches::add, Clock.systemUTC());
        sync.runPass();
        assertFalse(sync.runPass().full(), "the scope did not change");

        batches.clear();
        scope.set(Optional.of(group));
        DirectorySync.PassResult narrowed = sync.runPass();
        assertTrue(narrowed.full());
        assertEquals(List.of("alice", "bob"), publishedNames());
        assertEquals(List.of("alice"), batches.stream().flatMap(List::stream).filter(DirectoryUserPublished::inScope)
                .map(DirectoryUserPublished::accountName).toList(), "only the member is in scope");

        scope.set(Optional.of("cn=sspr users, cn=users," + BASE.toLowerCase()));
        assertFalse(sync.runPass().full(), "the same group, written differently");

        batches.clear();
        scope.set(Optional.empty());
        DirectorySync.PassResult everyone = sync.runPass();
        assertTrue(everyone.full());
        assertEquals(List.of("alice", "bob"), publishedNames());
        assertTrue(batches.stream().flatMap(List::stream).allMatch(DirectoryUserPublished::inScope));
    }

    @Test
    void aDirectoryWithoutHighestCommittedUsnFailsThePass() throws Exception {
        server.shutDown(true);
        InMemoryDirectoryServerConfig plain = new InMemoryDirectoryServerConfig(BASE);
        plain.setSchema(null);
        InMemoryDirectoryServer notAd = new InMemoryDirectoryServer(plain);
        notAd.startListening();
        try (LDAPConnectionPool notAdPool = notAd.getConnectionPool(1)) {
            DirectorySync sync = new DirectorySync(notAdPool, BASE, Optional::empty, 10, batches::add,
                    Clock.systemUTC());
            LDAPException e = assertThrows(LDAPException.class, sync::runPass);
            assertTrue(e.getMessage().contains("highestCommittedUSN"), e.getMessage());
            assertFalse(sync.initialised());
        } finally {
            notAd.shutDown(true);
        }
    }

    /**
     * Kafka refusing twice: each failed pass leaves the state alone and is not thrown to the schedule, so the next
     * pass (at the next interval) runs, still a full one, until one succeeds.
     */
    @Test
    void aFailedPassIsRetriedAtTheNextIntervalAndNeverStopsTheSchedule() throws Exception {
        addUser("alice", 1001);
        addUser("bob", 1002);
        AtomicInteger attempts = new AtomicInteger();
        List<DirectoryUserPublished> delivered = new CopyOnWriteArrayList<>();
        DirectorySync sync = new DirectorySync(pool, BASE, Optional::empty, 100, users -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("Kafka did not acknowledge in time");
            }
            delivered.addAll(users);
        }, Clock.systemUTC());

        // As DirectorySyncService's job calls it, once per interval.
        List<Boolean> passes = new ArrayList<>();
        while (!sync.initialised() && passes.size() < 10) {
            passes.add(assertDoesNotThrow(() -> sync.runScheduledPass(Duration.ofMillis(50))));
        }

        assertEquals(List.of(false, false, true), passes, "two failed full passes, then one that succeeded");
        assertEquals(3, attempts.get());
        assertEquals(List.of("alice", "bob"),
                delivered.stream().map(DirectoryUserPublished::accountName).sorted().toList(),
                "the full pass was repeated until it succeeded");
        assertTrue(sync.runScheduledPass(Duration.ofMillis(50)), "then incremental passes");
    }
}
