package io.sspr.portal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A directory user as the worker last published it on sspr.directory.users; nothing about passwords. */
@Entity
@Table(name = "directory_users")
public class DirectoryUser extends PanacheEntityBase {

    @Id
    @Column(name = "object_guid")
    public String objectGuid;

    @Column(name = "account_name", nullable = false)
    public String accountName;

    @Column(name = "user_principal_name")
    public String userPrincipalName;

    public String mail;

    @Column(name = "display_name")
    public String displayName;

    public boolean enabled;

    public boolean locked;

    @Column(name = "protected_account")
    public boolean protectedAccount;

    @Column(name = "in_scope")
    public boolean inScope;

    @Column(name = "usn_changed")
    public long usnChanged;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether self-service may act for this account at all: enabled, not an administrator, in the pilot scope. */
    public boolean mayUseSelfService() {
        return enabled && !protectedAccount && inScope;
    }

    @Override
    public String toString() {
        return "DirectoryUser[" + objectGuid + "]";
    }
}
