package io.sspr.validator.directory;

import io.sspr.directory.AccountFilters;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Finds accounts by sAMAccountName or UPN. */
@ApplicationScoped
public class UserDirectory {
    /** msDS-ResultantPSO is constructed: the DC computes it only when asked by name. */
    static final String[] ATTRIBUTES = {"sAMAccountName", "displayName", "userPrincipalName", "userAccountControl",
            "adminCount", "pwdLastSet", "msDS-ResultantPSO", "objectGUID"};
    /** LDAP_MATCHING_RULE_IN_CHAIN: membership through nested groups too. */
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    /** Two results are enough to know a name is ambiguous. */
    private static final int SIZE_LIMIT = 2;
    private static final int TIME_LIMIT_SECONDS = 10;

    private final LdapConnector connector;

    public UserDirectory(LdapConnector connector) {
        this.connector = connector;
    }

    /** Zero, one or (when ambiguous) two accounts whose sAMAccountName or UPN equals the name. */
    public List<DirectoryUser> find(String username) {
        SearchRequest request = new SearchRequest(connector.baseDn(), SearchScope.SUB, filter(username), ATTRIBUTES);
        request.setSizeLimit(SIZE_LIMIT);
        request.setTimeLimitSeconds(TIME_LIMIT_SECONDS);
        return connector.call(pool -> {
            try {
                return toUsers(pool.search(request).getSearchEntries());
            } catch (LDAPSearchException e) {
                if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                    return toUsers(e.getSearchEntries());
                }
                throw e;
            }
        });
    }

    /** Whether the account is a member of the group, directly or through nested groups. */
    public boolean isMemberOf(String userDn, String groupDn) {
        Filter inChain = Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN, false, groupDn);
        return connector.call(pool -> pool.search(userDn, SearchScope.BASE, inChain, "1.1").getEntryCount() == 1);
    }

    /** Built by the SDK, which escapes the value: a name can never change the filter's shape. */
    static Filter filter(String username) {
        return AccountFilters.byName(username);
    }

    private static List<DirectoryUser> toUsers(List<SearchResultEntry> entries) {
        return entries.stream()
                .map(entry -> new DirectoryUser(entry.getDN(),
                        entry.getAttributeValue("sAMAccountName"),
                        entry.getAttributeValue("displayName"),
                        entry.getAttributeValue("userPrincipalName"),
                        entry.getAttributeValueAsInteger("userAccountControl") == null ? 0
                                : entry.getAttributeValueAsInteger("userAccountControl"),
                        Integer.valueOf(1).equals(entry.getAttributeValueAsInteger("adminCount")),
                        FileTimes.instant(entry.getAttributeValueAsLong("pwdLastSet")),
                        entry.getAttributeValue("msDS-ResultantPSO"),
                        entry.hasAttribute("objectGUID")
                                ? AccountFilters.guidText(entry.getAttributeValueBytes("objectGUID")) : null))
                .toList();
    }
}
