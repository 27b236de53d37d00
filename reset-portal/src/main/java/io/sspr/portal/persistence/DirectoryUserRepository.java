package io.sspr.portal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@ApplicationScoped
public class DirectoryUserRepository implements PanacheRepositoryBase<DirectoryUser, String> {

    /**
     * The one user a typed name means: sAMAccountName (with or without the NetBIOS domain) or userPrincipalName,
     * case-insensitively; empty when none or several match.
     */
    public Optional<DirectoryUser> findByName(String username) {
        String name = username.toLowerCase(Locale.ROOT);
        int backslash = name.indexOf('\\');
        String accountName = backslash >= 0 ? name.substring(backslash + 1) : name;
        List<DirectoryUser> found = find("lower(accountName) = ?1 or lower(userPrincipalName) = ?2", accountName, name)
                .page(0, 2).list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
