package io.sspr.worker.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of writeback.request_ledger (see V1__request_ledger.sql); no secrets. */
@Entity
@Table(name = "request_ledger")
public class LedgerEntry {
    @Id
    @Column(name = "correlation_id")
    public UUID correlationId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String operation;

    @Column(name = "user_key", nullable = false)
    public String userKey;

    @Column(name = "user_dn", nullable = false)
    public String userDn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LedgerState state;

    @Column(name = "pwd_last_set_before")
    public Long pwdLastSetBefore;

    @Column(name = "result_json")
    public String resultJson;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
