package io.sspr.portal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One reset or unlock between its steps. The mailed code is kept only as its MAC. */
@Entity
@Table(name = "verification_flows")
public class VerificationFlow extends PanacheEntityBase {

    /** What the person wants once verified. */
    public enum Kind {
        RESET, UNLOCK
    }

    @Id
    @Column(name = "flow_id")
    public UUID flowId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The directory objectGUID of a known user, else the lower-cased name typed. */
    @Column(name = "account_key", nullable = false)
    public String accountKey;

    @Column(nullable = false)
    public String username;

    @Column(name = "known_user", nullable = false)
    public boolean knownUser;

    @Column(name = "methods_required", nullable = false)
    public int methodsRequired;

    @Column(name = "code_mac", nullable = false)
    public byte[] codeMac;

    @Column(name = "code_tries", nullable = false)
    public int codeTries;

    @Column(name = "email_verified_at")
    public Instant emailVerifiedAt;

    @Column(name = "app_verified_at")
    public Instant appVerifiedAt;

    @Column(name = "request_id")
    public UUID requestId;

    /** A newer flow of the same account exists: this one's code is void. */
    public boolean superseded;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "code_expires_at", nullable = false)
    public Instant codeExpiresAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Override
    public String toString() {
        return "VerificationFlow[" + flowId + ", " + kind + "]";
    }
}
