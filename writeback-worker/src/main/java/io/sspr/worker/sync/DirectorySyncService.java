package io.sspr.worker.sync;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.sspr.directory.LdapConfig;
import io.sspr.directory.SecureLdap;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Topics;
import io.sspr.events.crypto.EventSigner;
import io.sspr.events.messaging.EventMessages;
import io.sspr.worker.config.AdminSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Runs the {@link DirectorySync} for the worker's life on Quarkus' scheduler: a pass at start, then one every
 * {@code sspr.worker.sync.interval} (a pass still running when the next is due is not doubled: that one is skipped).
 * It has its own small read-only pool (so a long full pass never holds the connections a password write-back needs)
 * and the outgoing channel sspr.directory.users. With {@code sspr.worker.sync.enabled=false} it opens nothing and its
 * job does nothing. Created at start, so a bad setting stops the worker there.
 */
@Startup
@ApplicationScoped
public class DirectorySyncService {
    private static final Logger LOG = Logger.getLogger(DirectorySyncService.class);
    /** Sent together and awaited together; well under the emitter's buffer. */
    static final int SEND_CHUNK = 100;

    private final MutinyEmitter<String> emitter;
    private final EventSigner signer;
    private final LdapConfig ldap;
    private final SyncConfig config;
    private final AdminSettings settings;
    private LDAPConnectionPool pool;
    /** Null when the sync is disabled. */
    private volatile DirectorySync sync;

    public DirectorySyncService(@Channel(Topics.DIRECTORY_USERS) MutinyEmitter<String> emitter,
            EventSigner signer, LdapConfig ldap, SyncConfig config, AdminSettings settings) {
        this.emitter = emitter;
        this.signer = signer;
        this.ldap = ldap;
        this.config = config;
        this.settings = settings;
    }

    @PostConstruct
    void open() {
        if (!config.enabled()) {
            LOG.info("directory sync is disabled (sspr.worker.sync.enabled=false)");
            return;
        }
        if (config.interval().isNegative() || config.interval().isZero() || config.pageSize() < 1) {
            throw new IllegalStateException("sspr.worker.sync.interval must be positive and sspr.worker.sync.page-size"
                    + " at least 1");
        }
        try {
            // Its own pool, bound as the read-only account: a long full pass never holds the write-back's connections.
            pool = SecureLdap.readPool(ldap.syncPool(), "sspr-directory-sync");
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot create the directory sync's LDAP pool: " + e.getMessage(), e);
        }
        // The admin's scope group, or the configured one until settings arrive and after they are deleted.
        sync = new DirectorySync(pool, ldap.baseDn(), () -> settings.scopeGroupDn(config.scopeGroupDn()),
                config.pageSize(), this::send, Clock.systemUTC());
        LOG.infof("directory sync started: every %s, %s until the admin's settings say otherwise", config.interval(),
                config.scopeGroupDn().filter(dn -> !dn.isBlank()).isPresent() ? "with a scope group"
                        : "no scope group");
    }

    /**
     * One pass; a failure is logged and the next pass tries again (the first stays full until one succeeds). Not
     * before the application has started (its channel is connected then) nor once it stops.
     */
    @Scheduled(identity = "directory-sync", every = "${sspr.worker.sync.interval}",
            concurrentExecution = ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pass() {
        DirectorySync running = sync;
        if (running != null) {
            running.runScheduledPass(config.interval());
        }
    }

    @PreDestroy
    void close() {
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
