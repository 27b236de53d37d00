package io.sspr.validator.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.sspr.validator.config.ValidatorConfig;
import io.sspr.validator.policy.EffectivePolicy;
import io.sspr.validator.policy.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy in force for an account: the PSO the directory names in msDS-ResultantPSO, else the domain policy.
 * PSOs are cached by DN for the same TTL as the domain policy, so a changed or new PSO applies within a TTL.
 */
@ApplicationScoped
public class EffectivePolicyReader {
    static final String[] PSO_ATTRIBUTES = {"msDS-MinimumPasswordLength", "msDS-PasswordComplexityEnabled",
            "msDS-PasswordHistoryLength", "msDS-MinimumPasswordAge", "msDS-MaximumPasswordAge",
            "msDS-PasswordSettingsPrecedence"};

    private final LdapConnector connector;
    private final DomainPolicyReader domain;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> psos = new HashMap<>();

    private record Cached(EffectivePolicy policy, Instant readAt) {
    }

    @Inject
    public EffectivePolicyReader(LdapConnector connector, DomainPolicyReader domain, ValidatorConfig config) {
        this(connector, domain, config.policyCacheTtl(), Clock.systemUTC());
    }

    public EffectivePolicyReader(LdapConnector connector, DomainPolicyReader domain, Duration ttl, Clock clock) {
        this.connector = connector;
        this.domain = domain;
        this.ttl = ttl;
        this.clock = clock;
    }

    public EffectivePolicy domainPolicy() {
        return EffectivePolicy.domain(domain.domainPolicy());
    }

    public EffectivePolicy policyFor(DirectoryUser user) {
        return user.resultantPsoDn() == null ? domainPolicy() : pso(user.resultantPsoDn());
    }

    /** The domain policy and every PSO in the directory, for publishing; PSOs in DN order. */
    public List<EffectivePolicy> allPolicies() {
        List<String> dns = connector.call(pool -> pool.search(connector.baseDn(), SearchScope.SUB,
                Filter.createEqualityFilter("objectClass", "msDS-PasswordSettings"), "1.1").getSearchEntries()
                .stream().map(SearchResultEntry::getDN).sorted().toList());
        List<EffectivePolicy> all = new ArrayList<>();
        all.add(domainPolicy());
        dns.forEach(dn -> all.add(pso(dn)));
        return List.copyOf(all);
    }

    /** One PSO, read at most once per TTL; the dialect is the DC's, as for the domain policy. */
    public synchronized EffectivePolicy pso(String dn) {
        Instant now = clock.instant();
        Cached cached = psos.get(dn);
        if (cached == null || !now.isBefore(cached.readAt().plus(ttl))) {
            cached = new Cached(read(dn, domain.domainPolicy()), now);
            psos.put(dn, cached);
        }
        return cached.policy();
    }

    private EffectivePolicy read(String dn, PasswordPolicy domainPolicy) {
        SearchResultEntry pso = connector.call(pool -> pool.getEntry(dn, PSO_ATTRIBUTES));
        if (pso == null) {
            // Deleted between the user's read and this one: the domain policy applies again.
            return EffectivePolicy.domain(domainPolicy);
        }
        PasswordPolicy policy = PasswordPolicy.domain(
                intOf(pso, "msDS-MinimumPasswordLength"),
                Boolean.TRUE.equals(pso.getAttributeValueAsBoolean("msDS-PasswordComplexityEnabled")),
                domainPolicy.dialect(),
                intOf(pso, "msDS-PasswordHistoryLength"),
                FileTimes.minAge(pso.getAttributeValueAsLong("msDS-MinimumPasswordAge")),
                FileTimes.maxAge(pso.getAttributeValueAsLong("msDS-MaximumPasswordAge")));
        return EffectivePolicy.pso(policy, pso.getDN(), intOf(pso, "msDS-PasswordSettingsPrecedence"));
    }

    private static int intOf(SearchResultEntry entry, String attribute) {
        Integer value = entry.getAttributeValueAsInteger(attribute);
        return value == null ? 0 : value;
    }
}
