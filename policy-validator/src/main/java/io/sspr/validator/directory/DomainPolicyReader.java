package io.sspr.validator.directory;

import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.sspr.validator.config.ValidatorConfig;
import io.sspr.validator.config.ValidatorConfig.DialectSetting;
import io.sspr.validator.policy.ComplexityDialect;
import io.sspr.validator.policy.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The domain password policy from the domain object, and the complexity dialect of the DC, cached briefly. */
@ApplicationScoped
public class DomainPolicyReader {
    static final String[] ATTRIBUTES = {"minPwdLength", "pwdProperties", "pwdHistoryLength", "minPwdAge",
            "maxPwdAge"};
    /** pwdProperties DOMAIN_PASSWORD_COMPLEX. */
    static final int DOMAIN_PASSWORD_COMPLEX = 0x1;

    private final LdapConnector connector;
    private final DialectSetting dialectSetting;
    private final Duration ttl;
    private final Clock clock;
    private Cached cached;

    private record Cached(PasswordPolicy policy, Instant readAt) {
    }

    @Inject
    public DomainPolicyReader(LdapConnector connector, ValidatorConfig config) {
        this(connector, config.complexityDialect(), config.policyCacheTtl(), Clock.systemUTC());
    }

    public DomainPolicyReader(LdapConnector connector, DialectSetting dialectSetting, Duration ttl, Clock clock) {
        this.connector = connector;
        this.dialectSetting = dialectSetting;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The domain policy, read at most once per TTL; a failed read is not cached. */
    public synchronized PasswordPolicy domainPolicy() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.readAt().plus(ttl))) {
            cached = new Cached(read(), now);
        }
        return cached.policy();
    }

    private PasswordPolicy read() {
        return connector.call(pool -> {
            SearchResultEntry domain = pool.getEntry(connector.baseDn(), ATTRIBUTES);
            if (domain == null) {
                throw new com.unboundid.ldap.sdk.LDAPException(com.unboundid.ldap.sdk.ResultCode.NO_SUCH_OBJECT,
                        "the base DN is not readable");
            }
            ComplexityDialect dialect = dialect(pool.getRootDSE());
            return PasswordPolicy.domain(
                    intOf(domain, "minPwdLength"),
                    (intOf(domain, "pwdProperties") & DOMAIN_PASSWORD_COMPLEX) != 0,
                    dialect,
                    intOf(domain, "pwdHistoryLength"),
                    FileTimes.minAge(domain.getAttributeValueAsLong("minPwdAge")),
                    FileTimes.maxAge(domain.getAttributeValueAsLong("maxPwdAge")));
        });
    }

    private ComplexityDialect dialect(RootDSE rootDse) {
        return switch (dialectSetting) {
            case WINDOWS -> ComplexityDialect.WINDOWS;
            case SAMBA -> ComplexityDialect.SAMBA;
            case AUTO -> dialectOf(rootDse == null ? null : rootDse.getVendorName());
        };
    }

    /** Samba publishes vendorName "Samba Team (https://www.samba.org)"; Windows DCs publish none. */
    static ComplexityDialect dialectOf(String vendorName) {
        return vendorName != null && vendorName.toLowerCase(Locale.ROOT).contains("samba")
                ? ComplexityDialect.SAMBA
                : ComplexityDialect.WINDOWS;
    }

    private static int intOf(SearchResultEntry entry, String attribute) {
        Integer value = entry.getAttributeValueAsInteger(attribute);
        return value == null ? 0 : value;
    }
}
