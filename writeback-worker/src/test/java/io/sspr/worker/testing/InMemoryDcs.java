package io.sspr.worker.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.sspr.directory.LdapSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two domain controllers in memory (UnboundID, no schema) holding one account, alice, that each DC may see with its
 * own pwdLastSet, as during replication. Each counts the modifies it applied. Plain LDAP on loopback: a test only.
 */
public final class InMemoryDcs implements AutoCloseable {
    public static final String BASE = "DC=example,DC=test";
    public static final String ALICE = "CN=alice,CN=Users," + BASE;
    private static final String ADMIN = "CN=Administrator,CN=Users," + BASE;
    private static final String ADMIN_PASSWORD = "admin-secret";
    /** The same account on every DC, as replication keeps it. */
    private static final byte[] OBJECT_GUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private final List<InMemoryDirectoryServer> servers = new ArrayList<>();
    private final List<AtomicInteger> modifies = new ArrayList<>();
    /** Kept: a stopped server no longer knows its port. */
    private final List<Integer> ports = new ArrayList<>();

    /** @param pwdLastSet alice's pwdLastSet on each DC, in the order of the URL list */
    public InMemoryDcs(long... pwdLastSet) throws Exception {
        for (long value : pwdLastSet) {
            AtomicInteger count = new AtomicInteger();
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setSchema(null);
            config.addAdditionalBindCredentials(ADMIN, ADMIN_PASSWORD);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
            config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
                @Override
                public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
                    count.incrementAndGet();
                }
            });
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE, "objectClass: domain", "dc: example");
            server.add("dn: CN=Users," + BASE, "objectClass: container", "cn: Users");
            Entry alice = new Entry(ALICE);
            alice.addAttribute("objectClass", "user");
            alice.addAttribute("cn", "alice");
            alice.addAttribute("sAMAccountName", "alice");
            alice.addAttribute("userAccountControl", "512");
            alice.addAttribute("pwdLastSet", Long.toString(value));
            alice.addAttribute("objectGUID", OBJECT_GUID);
            server.add(alice);
            server.startListening();
            servers.add(server);
            ports.add(server.getListenPort());
            modifies.add(count);
        }
    }

    /** Settings naming every DC, in order; the first that answers is the pool's. */
    public LdapSettings settings() {
        String urls = String.join(",", ports.stream().map(port -> "ldap://localhost:" + port).toList());
        return new LdapSettings(urls, Path.of("unused-for-plain-ldap.pem"), BASE, ADMIN, ADMIN_PASSWORD,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 2, true);
    }

    /** As the worker names it: host:port. */
    public String server(int index) {
        return "localhost:" + ports.get(index);
    }

    public void setPwdLastSet(int index, long value) throws LDAPException {
        servers.get(index).getConnection().modify(ALICE,
                new Modification(ModificationType.REPLACE, "pwdLastSet", Long.toString(value)));
        modifies.get(index).decrementAndGet(); // the test's own change, not the worker's
    }

    /** Modifies the worker applied on this DC. */
    public int writes(int index) {
        return modifies.get(index).get();
    }

    public void stop(int index) {
        servers.get(index).shutDown(true);
    }

    @Override
    public void close() {
        servers.forEach(server -> server.shutDown(true));
    }
}
