package io.sspr.portal.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/**
 * Failures, blocks and per-client counters in PostgreSQL, so that every portal instance counts the same attempts.
 * Each method is one statement; the caller holds the transaction.
 */
@ApplicationScoped
public class AbuseLedger {
    private final EntityManager em;

    public AbuseLedger(EntityManager em) {
        this.em = em;
    }

    /** Counts one more request of a client in the window starting at {@code window}; returns the new count. */
    public int countClientRequest(String clientAddress, Instant window) {
        Number count = (Number) em.createNativeQuery("""
                INSERT INTO client_request_counts (client_address, window_start, requests) VALUES (?1, ?2, 1)
                ON CONFLICT (client_address, window_start) DO UPDATE SET requests = client_request_counts.requests + 1
                RETURNING requests""")
                .setParameter(1, clientAddress).setParameter(2, window).getSingleResult();
        return count.intValue();
    }

    /** Records a failure and returns how many the account had since {@code since}, this one included. */
    public long recordFailure(String accountKey, Instant at, Instant since) {
        em.createNativeQuery("INSERT INTO self_service_failures (account_key, failed_at) VALUES (?1, ?2)")
                .setParameter(1, accountKey).setParameter(2, at).executeUpdate();
        return ((Number) em.createNativeQuery(
                "SELECT count(*) FROM self_service_failures WHERE account_key = ?1 AND failed_at > ?2")
                .setParameter(1, accountKey).setParameter(2, since).getSingleResult()).longValue();
    }

    /** Blocks the account until {@code until}; returns false when it was blocked already (the block is not moved). */
    public boolean block(String accountKey, Instant until, Instant now) {
        return em.createNativeQuery("""
                INSERT INTO self_service_blocks (account_key, blocked_until) VALUES (?1, ?2)
                ON CONFLICT (account_key) DO UPDATE SET blocked_until = EXCLUDED.blocked_until
                WHERE self_service_blocks.blocked_until <= ?3""")
                .setParameter(1, accountKey).setParameter(2, until).setParameter(3, now).executeUpdate() == 1;
    }

    public Optional<Instant> blockedUntil(String accountKey, Instant now) {
        return em.createNativeQuery(
                "SELECT blocked_until FROM self_service_blocks WHERE account_key = ?1 AND blocked_until > ?2",
                Instant.class)
                .setParameter(1, accountKey).setParameter(2, now).getResultStream().findFirst().map(Instant.class::cast);
    }

    /** Removes what no limit looks at any more; returns the rows removed. */
    public int forgetBefore(Instant failuresBefore, Instant countersBefore, Instant now) {
        int removed = em.createNativeQuery("DELETE FROM self_service_failures WHERE failed_at < ?1")
                .setParameter(1, failuresBefore).executeUpdate();
        removed += em.createNativeQuery("DELETE FROM client_request_counts WHERE window_start < ?1")
                .setParameter(1, countersBefore).executeUpdate();
        removed += em.createNativeQuery("DELETE FROM self_service_blocks WHERE blocked_until < ?1")
                .setParameter(1, now).executeUpdate();
        removed += em.createNativeQuery("DELETE FROM verification_flows WHERE expires_at < ?1")
                .setParameter(1, now).executeUpdate();
        removed += em.createNativeQuery("DELETE FROM authenticator_registrations WHERE expires_at < ?1")
                .setParameter(1, now).executeUpdate();
        return removed;
    }
}
