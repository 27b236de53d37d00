package io.sspr.portal.service;

import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.UserKeys;
import io.sspr.portal.persistence.DirectoryUser;
import io.sspr.portal.persistence.DirectoryUserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The directory users the worker publishes, kept in PostgreSQL so that the portal knows whom it may mail and who may
 * use self-service without ever contacting a domain controller.
 */
@ApplicationScoped
public class DirectoryUserService {
    private final DirectoryUserRepository users;

    public DirectoryUserService(DirectoryUserRepository users) {
        this.users = users;
    }

    /** Stores a published user unless a newer state of it is stored already (uSNChanged only grows on one DC). */
    @Transactional
    public void onPublished(DirectoryUserPublished published) {
        DirectoryUser user = users.findByIdOptional(published.objectGuid()).orElse(null);
        boolean isNew = user == null;
        if (isNew) {
            user = new DirectoryUser();
            user.objectGuid = published.objectGuid();
        } else if (published.usnChanged() < user.usnChanged) {
            return;
        }
        user.accountName = published.accountName() == null ? "" : published.accountName();
        user.userPrincipalName = published.userPrincipalName();
        user.mail = published.mail();
        user.displayName = published.displayName();
        user.enabled = published.enabled();
        user.locked = published.locked();
        user.protectedAccount = published.protectedAccount();
        user.inScope = published.inScope();
        user.usnChanged = published.usnChanged();
        user.updatedAt = Instant.now();
        if (isNew) {
            users.persist(user);
        }
    }

    /** The user a typed name means, if exactly one. */
    public Optional<DirectoryUser> byName(String username) {
        return users.findByName(username);
    }

    /**
     * The key the abuse limits count an account by: the directory's objectGUID of a user who may use self-service, or
     * the key made from the typed name for anyone else, so that a name nobody has is counted and blocked alike.
     */
    public String accountKeyOf(String username) {
        return byName(username).filter(DirectoryUser::mayUseSelfService).map(u -> u.objectGuid)
                .orElse(UserKeys.fromUsername(username));
    }

    public Optional<DirectoryUser> byKey(String userKey) {
        return users.findByIdOptional(userKey).or(() -> users.findByName(userKey));
    }
}
