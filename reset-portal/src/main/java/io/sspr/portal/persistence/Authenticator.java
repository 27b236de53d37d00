package io.sspr.portal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The confirmed authenticator app of an account: its secret encrypted, the last time step it accepted. */
@Entity
@Table(name = "authenticators")
public class Authenticator extends PanacheEntityBase {

    @Id
    @Column(name = "account_key")
    public String accountKey;

    @Column(name = "secret_ciphertext", nullable = false)
    public byte[] secretCiphertext;

    /** A code of this step or an earlier one was used already: each code works once. */
    @Column(name = "last_step", nullable = false)
    public long lastStep;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Override
    public String toString() {
        return "Authenticator[" + accountKey + "]";
    }
}
