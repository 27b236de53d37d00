package io.sspr.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.sspr.directory.AccountFilters;
import io.sspr.directory.LdapConfig;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Services;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.json.EventJson;
import io.sspr.worker.config.AdminSettings;
import io.sspr.worker.testing.RecordingEmitter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync as the worker runs it: Quarkus' scheduler calls {@link DirectorySyncService#pass()} (a pass at start, then
 * one every interval, never two at once), which reads through the sync's own pool bound as the read-only account and
 * sends signed profiles to the channel; disabled, it opens nothing and its job does nothing.
 */
class DirectorySyncServiceTest {
    private static final String BASE = "DC=example,DC=test";
    private static final String READER = "CN=svc-sspr-reader,CN=Users," + BASE;
    private static final String READER_PASSWORD = "reader-secret";
    private static final String ALICE_GUID = UUID.randomUUID().toString();

    private final RecordingEmitter users = new RecordingEmitter();
    private InMemoryDirectoryServer server;
    private DirectorySyncService service;

    @BeforeEach
    void startServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.addAdditionalBindCredentials(READER, READER_PASSWORD);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
                if (entry.getSearchEntry().getDN().isEmpty()) {
                    Entry rootDse = entry.getSearchEntry().duplicate();
                    rootDse.setAttribute("highestCommittedUSN", "1001");
                    entry.setSearchEntry(rootDse);
                }
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add(new Entry(BASE, new Attribute("objectClass", "top", "domain")));
        server.add(new Entry("CN=Users," + BASE, new Attribute("objectClass", "top", "container")));
        server.add(new Entry("CN=alice,CN=Users," + BASE,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("objectCategory", "person"),
                new Attribute("objectGUID", AccountFilters.guidBytes(ALICE_GUID)),
                new Attribute("sAMAccountName", "alice"),
                new Attribute("userAccountControl", "512"),
                new Attribute("uSNChanged", "1001")));
        server.startListening();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        server.shutDown(true);
    }

    @Test
    void theJobRunsEveryIntervalOnceStartedAndNeverTwiceAtOnce() throws Exception {
        Scheduled job = DirectorySyncService.class.getDeclaredMethod("pass").getAnnotation(Scheduled.class);

        assertEquals("${sspr.worker.sync.interval}", job.every());
        assertEquals(Scheduled.ConcurrentExecution.SKIP, job.concurrentExecution());
        assertEquals(Scheduled.ApplicationNotRunning.class, job.skipExecutionIf(), "its channel is connected at start");
    }

    @Test
    void eachRunOfTheJobIsAPassThatSendsSignedProfilesKeyedByObjectGuid() {
        service = service(true);
        service.open();

        service.pass();

        assertEquals(1, users.sent().size());
        DirectoryUserPublished alice = EventJson.read(users.sentPayloads().get(0), DirectoryUserPublished.class);
        assertEquals("alice", alice.accountName());
        OutgoingKafkaRecordMetadata<?> metadata = users.sent().get(0).getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertEquals(ALICE_GUID, metadata.getKey());
        assertNotNull(metadata.getHeaders().lastHeader(EventSigner.HEADER), "signed");

        service.pass();
        assertEquals(1, users.sent().size(), "nothing changed since the first pass");
    }

    @Test
    void aDisabledSyncOpensNothingAndItsJobDoesNothing() {
        server.shutDown(true); // nothing may be asked of the DC
        service = service(false);
        service.open();

        service.pass();

        assertTrue(users.attempted().isEmpty());
    }

    private DirectorySyncService service(boolean enabled) {
        return new DirectorySyncService(users, new EventSigner(Services.WRITEBACK_WORKER, Keysets.newSigningKeyset()),
                ldap(), config(enabled), new AdminSettings());
    }

    /** The DC of this test, plain LDAP on loopback; the sync binds as the reader. */
    private LdapConfig ldap() {
        LdapConfig.Sync sync = mapping(LdapConfig.Sync.class, Map.of("bindDn", Optional.of(READER),
                "bindPassword", Optional.of(READER_PASSWORD), "poolSize", 1));
        return mapping(LdapConfig.class, Map.ofEntries(Map.entry("url", "ldap://localhost:" + server.getListenPort()),
                Map.entry("caFile", Path.of("unused-for-plain-ldap.pem")), Map.entry("baseDn", BASE),
                Map.entry("bindDn", "CN=svc-sspr-writeback,CN=Users," + BASE), Map.entry("bindPassword", "unused"),
                Map.entry("connectTimeout", Duration.ofSeconds(2)), Map.entry("responseTimeout", Duration.ofSeconds(5)),
                Map.entry("poolSize", 4), Map.entry("writeConnections", 2), Map.entry("allowPlainText", true),
                Map.entry("sync", sync)));
    }

    private static SyncConfig config(boolean enabled) {
        return mapping(SyncConfig.class, Map.of("enabled", enabled, "interval", Duration.ofSeconds(2),
                "scopeGroupDn", Optional.empty(), "pageSize", 500, "publishTimeout", Duration.ofSeconds(5)));
    }

    /** A config mapping with these values; its default methods (the pool presets) run as written. */
    private static <T> T mapping(Class<T> type, Map<String, Object> values) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return values.get(method.getName());
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
