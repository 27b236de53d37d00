package io.sspr.portal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.sspr.events.ResultCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An authenticator-app registration between its steps; its code as a MAC, its secret encrypted. */
@Entity
@Table(name = "authenticator_registrations")
public class AuthenticatorRegistration extends PanacheEntityBase {

    /** Where a registration stands. */
    public enum State {
        /** The directory is checking the current password. */
        CHECKING_PASSWORD,
        /** The password was confirmed and a code mailed. */
        CODE_SENT,
        /** The mailed code was right; the app's secret was shown and waits for the app's first code. */
        SECRET_ISSUED,
        /** The app's first code was right: the authenticator is saved. */
        CONFIRMED,
        /** The password was not confirmed, or the codes were spent. */
        FAILED
    }

    @Id
    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "account_key", nullable = false)
    public String accountKey;

    @Column(nullable = false)
    public String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Enumerated(EnumType.STRING)
    @Column(name = "result_code")
    public ResultCode resultCode;

    /** The VERIFY_PASSWORD request that carries the current password through the pipeline. */
    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Column(name = "code_mac")
    public byte[] codeMac;

    @Column(name = "code_tries", nullable = false)
    public int codeTries;

    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;

    @Column(name = "secret_ciphertext")
    public byte[] secretCiphertext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Override
    public String toString() {
        return "AuthenticatorRegistration[" + registrationId + ", " + state + "]";
    }
}
