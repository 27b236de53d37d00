package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import io.sspr.events.ResultCode;
import java.util.Optional;

/**
 * What the DC says about itself in its root DSE, read once on first need (not at start, so the worker starts while
 * the DC is down) and kept for the worker's life: a DC gains a control only with an upgrade, and a restart picks
 * that up. A failed read is not kept, so the next call tries again. All DCs of one domain are assumed to be alike.
 */
final class RootDseFacts {
    private final LDAPConnectionPool pool;
    private volatile Optional<String> policyHintsOid;

    RootDseFacts(LDAPConnectionPool pool) {
        this.pool = pool;
    }

    /** The policy-hints OID the DC lists in supportedControl (the current one preferred), empty when none. */
    Optional<String> policyHintsOid() throws DirectoryException {
        Optional<String> known = policyHintsOid;
        if (known == null) {
            RootDSE rootDse = read();
            known = PolicyHints.OIDS.stream().filter(rootDse::supportsControl).findFirst();
            policyHintsOid = known;
        }
        return known;
    }

    private RootDSE read() throws DirectoryException {
        try {
            RootDSE rootDse = pool.getRootDSE();
            if (rootDse == null) {
                throw new DirectoryException(ResultCode.DIRECTORY_UNAVAILABLE, "the DC returned no root DSE", null);
            }
            return rootDse;
        } catch (LDAPException e) {
            throw new DirectoryException(DirectoryErrorMapper.map(e), DirectoryErrorMapper.textOf(e), e);
        }
    }
}
