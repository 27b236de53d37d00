package io.sspr.validator.directory;

import io.sspr.validator.config.ValidatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Who may use self-service: members of the configured scope group (nested groups count), or everyone. */
@ApplicationScoped
public class AccountScope {
    private final UserDirectory users;
    private final Optional<String> scopeGroupDn;

    @Inject
    public AccountScope(UserDirectory users, ValidatorConfig config) {
        this(users, config.scopeGroupDn());
    }

    public AccountScope(UserDirectory users, Optional<String> scopeGroupDn) {
        this.users = users;
        this.scopeGroupDn = scopeGroupDn.filter(dn -> !dn.isBlank());
    }

    public boolean includes(DirectoryUser user) {
        return scopeGroupDn.map(group -> users.isMemberOf(user.dn(), group)).orElse(true);
    }

    public Optional<String> groupDn() {
        return scopeGroupDn;
    }
}
