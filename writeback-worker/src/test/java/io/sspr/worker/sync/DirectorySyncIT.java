package io.sspr.worker.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.sspr.directory.AccountFilters;
import io.sspr.directory.SecureLdap;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.Secret;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.StackDirectory;
import io.sspr.events.testing.TestKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sync against the real Samba AD DC and the real broker of deploy/local/stack: it runs on its default 2 s
 * interval, scheduled as DirectorySyncService's job runs it (a pass at once, then one every interval after the last),
 * with a scope group made by the test (with a second group nested in it), and a plain consumer reads
 * sspr.directory.users from the end. Users and groups have random names and are deleted afterwards; the test
 * users' keys get tombstones so the compacted topic forgets them.
 */
class DirectorySyncIT {
    private static final Duration WITHIN = Duration.ofSeconds(5);
    /** The default sspr.worker.sync.interval (SyncConfig). */
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final String PASSWORD = "Sync-t3st-" + UUID.randomUUID().toString().substring(0, 6) + "!";

    private static String baseDn;
    private static LDAPConnectionPool readPool;
    private static LDAPConnectionPool admin;
    private static KafkaProducer<String, String> producer;
    private static Thread collector;
    private static volatile boolean collecting = true;
    private static final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private static DirectorySync sync;
    private static ScheduledExecutorService schedule;
    private static String scopeGroupDn;
    /** What the admin's settings say at the moment; the configured group unless a test changes it. */
    private static final AtomicReference<Optional<String>> scope = new AtomicReference<>(Optional.empty());
    private static String nestedGroupDn;
    private static final List<String> groups = new ArrayList<>();
    private static final List<String> publishedKeys = new CopyOnWriteArrayList<>();

    private final List<String> users = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        RealParts.require("LDAP_URL", "LDAP_CA_FILE", "LDAP_BASE_DN", "LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD",
                "LDAP_READER_DN", "LDAP_READER_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_ADMIN_USERNAME",
                "KAFKA_ADMIN_PASSWORD", "SSPR_SECRETS_DIR");
        baseDn = StackDirectory.baseDn();
        // The sync reads as the worker's read-only account, as in the service; the test's setup writes as the admin
        readPool = SecureLdap.pool(StackDirectory.reader(), "directory-sync-it", 1);
        admin = SecureLdap.pool(StackDirectory.admin(), "directory-sync-it-admin", 1);

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        scopeGroupDn = createGroup("sync-scope-" + suffix);
        nestedGroupDn = createGroup("sync-nested-" + suffix);
        admin.modify(scopeGroupDn, new Modification(ModificationType.ADD, "member", nestedGroupDn));

        startCollectingFromTheEnd();
        producer = TestKafka.producer();
        scope.set(Optional.of(scopeGroupDn));
        sync = new DirectorySync(readPool, baseDn, scope::get, 500, DirectorySyncIT::send, Clock.systemUTC());
        schedule = Executors.newSingleThreadScheduledExecutor();
        schedule.scheduleWithFixedDelay(() -> sync.runScheduledPass(INTERVAL), 0, INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        await("the full pass").atMost(Duration.ofSeconds(60)).until(sync::initialised);
    }

    @AfterAll
    static void stop() throws Exception {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule.awaitTermination(10, TimeUnit.SECONDS);
        }
        for (int i = groups.size() - 1; i >= 0; i--) {
            deleteQuietly(groups.get(i));
        }
        collecting = false;
        if (collector != null) {
            collector.join(5000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        if (readPool != null) {
            readPool.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @AfterEach
    void deleteUsers() throws Exception {
        for (String dn : users) {
            String key = guidOf(dn);
            deleteQuietly(dn);
            // The sync does not follow deletions yet; forget the test user on the compacted topic ourselves.
            producer.send(new ProducerRecord<>(Topics.DIRECTORY_USERS, key, null)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFullPassPublishedExistingPeopleButNoComputers() {
        await().atMost(WITHIN).until(() -> latest(u -> "alice".equals(u.accountName())) != null);
        DirectoryUserPublished alice = latest(u -> "alice".equals(u.accountName()));
        assertTrue(alice.enabled());
        assertFalse(alice.inScope(), "alice is not in the test's scope group");
        assertTrue(latest(u -> u.accountName() != null && u.accountName().endsWith("$")) == null,
                "a computer account was published");
        DirectoryUserPublished administrator = latest(u -> "Administrator".equals(u.accountName()));
        assertTrue(administrator != null && administrator.protectedAccount(), "adminCount=1 is protected");
    }

    @Test
    void aNewUserAppearsWithinFiveSecondsWithItsProfile() throws Exception {
        String name = randomName();
        String dn = createUser(name);
        DirectoryUserPublished user = awaitUser(name, u -> true);

        String guid = guidOf(dn);
        assertEquals(guid, user.userKey());
        assertEquals(guid, user.objectGuid());
        assertEquals(dn.toLowerCase(Locale.ROOT), user.dn().toLowerCase(Locale.ROOT));
        assertEquals(name + "@example.test", user.userPrincipalName());
        assertEquals(name + ".mail@example.test", user.mail());
        assertEquals("+41 79 000 00 01", user.mobile());
        assertEquals("Sync Test " + name, user.displayName());
        assertTrue(user.enabled());
        assertFalse(user.locked());
        assertFalse(user.protectedAccount());
        assertFalse(user.inScope(), "not a member of the scope group");
        assertTrue(user.usnChanged() > 0);

        ConsumerRecord<String, String> record = recordOf(user);
        assertEquals(guid, record.key(), "keyed by objectGUID text");
        assertEquals(DirectoryUserPublished.TYPE, TestKafka.header(record, "ce_type"));
    }

    @Test
    void aChangedMobileAndDisplayNameAppearWithinFiveSeconds() throws Exception {
        String name = randomName();
        String dn = createUser(name);
        awaitUser(name, u -> true);

        int before = mark();
        admin.modify(dn, new Modification(ModificationType.REPLACE, "mobile", "+41 79 999 99 99"),
                new Modification(ModificationType.REPLACE, "displayName", "Renamed " + name));

        DirectoryUserPublished changed = awaitUser(before, name,
                u -> "+41 79 999 99 99".equals(u.mobile()) && ("Renamed " + name).equals(u.displayName()));
        assertEquals(guidOf(dn), changed.userKey());
    }

    @Test
    void disablingTheAccountPublishesEnabledFalse() throws Exception {
        String name = randomName();
        String dn = createUser(name);
        awaitUser(name, DirectoryUserPublished::enabled);

        int before = mark();
        admin.modify(dn, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));

        DirectoryUserPublished disabled = awaitUser(before, name, u -> true);
        assertFalse(disabled.enabled(), "userAccountControl 514 is disabled");
    }

    /** Membership changes leave the user's uSNChanged alone; the sync must notice them through the scope group. */
    @Test
    void joiningAndLeavingANestedGroupOfTheScopeGroupFlipsInScope() throws Exception {
        String name = randomName();
        String dn = createUser(name);
        awaitUser(name, u -> !u.inScope());

        int beforeJoining = mark();
        admin.modify(nestedGroupDn, new Modification(ModificationType.ADD, "member", dn));
        DirectoryUserPublished joined = awaitUser(beforeJoining, name, u -> true);
        assertTrue(joined.inScope(), "a member of a group nested in the scope group is in scope");
        assertEquals("+41 79 000 00 01", joined.mobile(), "the rest of the profile is republished as it is");

        int beforeLeaving = mark();
        admin.modify(nestedGroupDn, new Modification(ModificationType.DELETE, "member", dn));
        DirectoryUserPublished left = awaitUser(beforeLeaving, name, u -> true);
        assertFalse(left.inScope(), "no longer a member");
    }

    /**
     * The admin's settings name another scope group, then none: the next pass publishes everyone again, each with
     * its inScope under the new group, though nobody changed.
     */
    @Test
    void aNewScopeGroupRepublishesEveryoneWithTheirInScope() throws Exception {
        String name = randomName();
        String dn = createUser(name);
        awaitUser(name, u -> !u.inScope());
        String otherGroup = createGroup("sync-other-" + UUID.randomUUID().toString().substring(0, 8));
        admin.modify(otherGroup, new Modification(ModificationType.ADD, "member", dn));
        try {
            int beforeNarrowing = mark();
            scope.set(Optional.of(otherGroup));
            assertTrue(awaitUser(beforeNarrowing, name, u -> true).inScope(), "a member of the new group");
            assertFalse(awaitUser(beforeNarrowing, "alice", u -> true).inScope(), "alice is no member");

            int beforeEveryone = mark();
            scope.set(Optional.empty());
            assertTrue(awaitUser(beforeEveryone, "alice", u -> true).inScope(), "without a group everyone is");
        } finally {
            scope.set(Optional.of(scopeGroupDn));
        }
    }

    @Test
    void noRecordCarriesPasswordDataOrTheTestPassword() throws Exception {
        String name = randomName();
        String dn = createUser(name);
        awaitUser(name, u -> true);
        // a password change moves pwdLastSet and uSNChanged: the user is published again, still without it
        admin.modify(dn, new Modification(ModificationType.REPLACE, "unicodePwd",
                Secret.of(PASSWORD + "2").toUnicodePwd()));
        admin.modify(dn, new Modification(ModificationType.REPLACE, "mobile", "+41 79 555 55 55"));
        awaitUser(name, u -> "+41 79 555 55 55".equals(u.mobile()));
        assertTrue(records.stream().anyMatch(r -> r.value() != null && r.value().contains(name)),
                "the test user's records were checked");

        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            String json = record.value();
            String lower = json.toLowerCase(Locale.ROOT);
            for (String forbidden : List.of("pwd", "password", "unicodepwd", "pwdlastset", "supplementalcredentials",
                    "ntpwdhistory", "lmpwdhistory", "hash")) {
                assertFalse(lower.contains(forbidden), forbidden + " in a record");
            }
            assertFalse(json.contains(PASSWORD), "the test password is in a record");
        }
    }

    // --- helpers

    /** Where the records received so far end: take it before a change, so older records cannot satisfy a wait. */
    private static int mark() {
        return records.size();
    }

    private DirectoryUserPublished awaitUser(String accountName, Predicate<DirectoryUserPublished> condition) {
        return awaitUser(0, accountName, condition);
    }

    /** The newest profile of the account received after {@code from} that meets the condition, within 5 s. */
    private DirectoryUserPublished awaitUser(int from, String accountName,
            Predicate<DirectoryUserPublished> condition) {
        Predicate<DirectoryUserPublished> wanted = u -> accountName.equals(u.accountName()) && condition.test(u);
        await(accountName).atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> latest(from, wanted) != null);
        return latest(from, wanted);
    }

    private static DirectoryUserPublished latest(Predicate<DirectoryUserPublished> wanted) {
        return latest(0, wanted);
    }

    /** The newest matching profile the consumer has seen since {@code from}. */
    private static DirectoryUserPublished latest(int from, Predicate<DirectoryUserPublished> wanted) {
        DirectoryUserPublished found = null;
        List<ConsumerRecord<String, String>> seen = List.copyOf(records);
        for (ConsumerRecord<String, String> record : seen.subList(Math.min(from, seen.size()), seen.size())) {
            if (record.value() == null) {
                continue;
            }
            DirectoryUserPublished user = EventJson.read(record.value(), DirectoryUserPublished.class);
            if (wanted.test(user)) {
                found = user;
            }
        }
        return found;
    }

    private static ConsumerRecord<String, String> recordOf(DirectoryUserPublished user) {
        String id = "\"eventId\":\"" + user.eventId() + "\"";
        return records.stream().filter(r -> r.value() != null && r.value().contains(id)).findFirst().orElseThrow();
    }

    /** What the worker's channel does (EventMessages: key, JSON, CloudEvents binary headers), with a plain producer. */
    private static void send(List<DirectoryUserPublished> users) {
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        EventSigner worker = SignedRecords.signerOf(Services.WRITEBACK_WORKER);
        for (DirectoryUserPublished user : users) {
            sends.add(producer.send(SignedRecords.record(Topics.DIRECTORY_USERS, user, worker)));
        }
        try {
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge: " + e.getMessage(), e);
        }
    }

    private static void startCollectingFromTheEnd() {
        // positioned at the end now, before the sync publishes anything
        KafkaConsumer<String, String> consumer = TestKafka.consumerAtEnd(Topics.DIRECTORY_USERS);
        if (consumer.assignment().isEmpty()) {
            consumer.close();
            fail(Topics.DIRECTORY_USERS + " does not exist: " + RealParts.HINT);
        }
        collector = new Thread(() -> {
            try (consumer) {
                while (collecting) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
            }
        }, "directory-users-collector");
        collector.setDaemon(true);
        collector.start();
    }

    private String createUser(String name) throws LDAPException {
        String dn = "CN=" + name + ",CN=Users," + baseDn;
        admin.add(new AddRequest(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@example.test"),
                new Attribute("mail", name + ".mail@example.test"),
                new Attribute("mobile", "+41 79 000 00 01"),
                new Attribute("displayName", "Sync Test " + name),
                new Attribute("unicodePwd", Secret.of(PASSWORD).toUnicodePwd()),
                new Attribute("userAccountControl", "512")));
        users.add(dn);
        return dn;
    }

    private static String createGroup(String name) throws LDAPException {
        String dn = "CN=" + name + ",CN=Users," + baseDn;
        admin.add(new AddRequest(dn,
                new Attribute("objectClass", "top", "group"),
                new Attribute("sAMAccountName", name)));
        groups.add(dn);
        return dn;
    }

    private static String guidOf(String dn) throws LDAPException {
        return AccountFilters.guidText(admin.getEntry(dn, "objectGUID").getAttributeValueBytes("objectGUID"));
    }

    private static String randomName() {
        return "sync-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void deleteQuietly(String dn) {
        try {
            admin.delete(dn);
        } catch (LDAPException e) {
            System.err.println("could not delete " + dn + ": " + e.getMessage());
        }
    }
}
