package io.sspr.portal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.sspr.events.Operation;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One password request as the user follows it. Holds no password and no sealed value, by design. */
@Entity
@Table(name = "password_requests")
public class PasswordRequest extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "user_key", nullable = false)
    public String userKey;

    @Column(nullable = false)
    public String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Operation operation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResultCode code;

    @Column(nullable = false)
    public String message;

    /** JSON array of {@code {"code","message"}}, written with EventJson. */
    @Column(nullable = false)
    public String violations = "[]";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Override
    public String toString() {
        return "PasswordRequest[" + requestId + ", " + userKey + ", " + status + "]";
    }
}
