package io.sspr.worker.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.function.Consumer;

/**
 * A subtree search under the base DN, page by page (simple paged results), so a directory of any size is read
 * without hitting the DC's size limit (AD's MaxPageSize is 1000 by default) and without holding it all in memory.
 */
public final class PagedSearch {
    private final LDAPConnectionPool pool;
    private final String baseDn;
    private final int pageSize;

    public PagedSearch(LDAPConnectionPool pool, String baseDn, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.pool = pool;
        this.baseDn = baseDn;
        this.pageSize = pageSize;
    }

    /**
     * Hands every matching entry to {@code each}, in the order the DC returns them. All pages on one connection: AD
     * ties the paging cookie to the connection it came from. A connection that failed is not given back to the pool.
     */
    public void forEach(Filter filter, String[] attributes, Consumer<SearchResultEntry> each) throws LDAPException {
        LDAPConnection connection = pool.getConnection();
        boolean healthy = false;
        try {
            ASN1OctetString cookie = null;
            do {
                SearchRequest request = new SearchRequest(baseDn, SearchScope.SUB, filter, attributes);
                request.setControls(new SimplePagedResultsControl(pageSize, cookie, true));
                SearchResult result = connection.search(request);
                result.getSearchEntries().forEach(each);
                SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
                cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
            } while (cookie != null);
            healthy = true;
        } finally {
            if (healthy) {
                pool.releaseConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }
}
