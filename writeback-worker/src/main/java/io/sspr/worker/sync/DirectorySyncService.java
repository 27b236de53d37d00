package io.sspr.worker.sync;

import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Runs the {@link DirectorySync} for the worker's life: its own small read-only pool (so a long full pass never
 * holds the connections a password write-back needs) and the outgoing channel sspr.directory.users.
 */
@ApplicationScoped
public class DirectorySyncService {
    private static final Logger LOG = Logger.getLogger(DirectorySyncService.class);
    /** Sent together and awaited together; well under the emitter's buffer. */
    static final int SEND_CHUNK = 100;

    private final MutinyEmitter<String> emitter;
    private final EventSigner signer;
    private final LdapSettings ldap;
    private final SyncConfig config;
    private LDAPConnectionPool pool;
    private DirectorySync sync;

    public DirectorySyncService(@Channel(Topics.DIRECTORY_USERS) MutinyEmitter<String> emitter,
            EventSigner signer, LdapSettings ldap, SyncConfig config) {
        this.emitter = emitter;
        this.signer = signer;
        this.ldap = ldap;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("directory sync is disabled (sspr.worker.sync.enabled=false)");
            return;
        }
        if (config.interval().isNegative() || config.interval().isZero() || config.pageSize() < 1) {
            throw new IllegalStateException("sspr.worker.sync.interval must be positive and sspr.worker.sync.page-size"
                    + " at least 1");
        }
        String bindDn = config.bindDn().filter(dn -> !dn.isBlank()).orElseThrow(() -> new IllegalStateException(
                "sspr.worker.sync.bind-dn (LDAP_SYNC_BIND_DN) is not set: the sync binds as the read-only account, never"
                        + " as the writeback account"));
        String bindPassword = config.bindPassword().filter(password -> !password.isEmpty())
                .orElseThrow(() -> new IllegalStateException(
                        "sspr.worker.sync.bind-password (LDAP_SYNC_BIND_PASSWORD) is not set"));
        try {
            // No connection at start: the worker comes up while the DC is down and the sync catches up later.
            pool = SecureLdap.pool(ldap.withAccount(bindDn, bindPassword).withPoolSize(config.poolSize()),
                    "sspr-directory-sync", 0);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the directory sync's LDAP pool: " + e.getMessage(), e);
        }
        pool.setMaxConnectionAgeMillis(10 * 60 * 1000L);
        // Only searches here, so an operation that failed on a stale connection may safely be tried again.
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", ldap.responseTimeout().toMillis(),
                false, false, false, false, true, false));
        sync = new DirectorySync(pool, ldap.baseDn(), config.scopeGroupDn(), config.pageSize(), this::send,
                Clock.systemUTC());
        sync.start(config.interval());
        LOG.infof("directory sync started: every %s, %s", config.interval(),
                config.scopeGroupDn().filter(dn -> !dn.isBlank()).isPresent() ? "with a scope group" : "no scope group");
    }

    void stop(@Observes ShutdownEvent event) {
        if (sync != null) {
            sync.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /** Sends in chunks and waits for Kafka's acknowledgement of each (acks=all), so a pass fails if Kafka does. */
    private void send(List<DirectoryUserPublished> users) {
        Duration timeout = config.publishTimeout();
        for (int from = 0; from < users.size(); from += SEND_CHUNK) {
            List<Uni<Void>> sends = users.subList(from, Math.min(users.size(), from + SEND_CHUNK)).stream()
                    .map(user -> emitter.sendMessage(EventMessages.of(user, signer)))
                    .toList();
            Uni.join().all(sends).andFailFast().await().atMost(timeout);
        }
    }
}
