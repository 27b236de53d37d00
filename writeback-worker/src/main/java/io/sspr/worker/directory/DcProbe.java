package io.sspr.worker.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Checks out one connection, as an operation would: the pool proves it alive (root DSE read) and fails over to the
 * next DC when needed, so the answer names the DC that writes would really go to, and its certificate's expiry.
 */
final class DcProbe {
    private DcProbe() {
    }

    static DirectoryHealth probe(LDAPConnectionPool pool) {
        LDAPConnection connection;
        try {
            connection = pool.getConnection();
        } catch (LDAPException e) {
            return new DirectoryHealth(false, null, null, DirectoryErrorMapper.textOf(e));
        }
        try {
            String server = LdapConnections.server(connection);
            return new DirectoryHealth(true, server, certificateNotAfter(connection.getSSLSession()), null);
        } finally {
            pool.releaseConnection(connection);
        }
    }

    /** The DC's own certificate (first in the chain); the same for ldaps:// and for StartTLS. Null in clear text. */
    private static Instant certificateNotAfter(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate dcCertificate
                    ? dcCertificate.getNotAfter().toInstant()
                    : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
