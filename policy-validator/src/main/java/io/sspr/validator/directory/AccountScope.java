package io.sspr.validator.directory;

import io.sspr.validator.config.ValidatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Who may use self-service: members of the scope group (nested groups count), or everyone. The configured group applies
 * until the admin's settings name one (or none: everyone), and again once the settings are deleted.
 */
@ApplicationScoped
public class AccountScope {
    private final UserDirectory users;
    private final Optional<String> configured;
    private volatile Optional<String> scopeGroupDn;

    @Inject
    public AccountScope(UserDirectory users, ValidatorConfig config) {
        this(users, config.scopeGroupDn());
    }

    public AccountScope(UserDirectory users, Optional<String> scopeGroupDn) {
        this.users = users;
        this.configured = cleaned(scopeGroupDn);
        this.scopeGroupDn = configured;
    }

    public boolean includes(DirectoryUser user) {
        return scopeGroupDn.map(group -> users.isMemberOf(user.dn(), group)).orElse(true);
    }

    public Optional<String> groupDn() {
        return scopeGroupDn;
    }

    /**
     * @param groupDn the admin's group; empty: everyone
     * @return whether the scope changed
     */
    public boolean useGroup(Optional<String> groupDn) {
        Optional<String> next = cleaned(groupDn);
        boolean changed = !next.equals(scopeGroupDn);
        scopeGroupDn = next;
        return changed;
    }

    /** @return whether the scope changed */
    public boolean useConfigured() {
        return useGroup(configured);
    }

    /** For the log: a group's DN names no person. */
    public String describe() {
        return scopeGroupDn.map(group -> "members of " + group).orElse("everyone");
    }

    private static Optional<String> cleaned(Optional<String> groupDn) {
        return groupDn.map(String::strip).filter(dn -> !dn.isEmpty());
    }
}
