package io.sspr.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

class SecureLdapTest {

    private static LdapSettings settings(String url, Path caFile) {
        return new LdapSettings(url, caFile, "DC=example,DC=test", "CN=svc", "service-secret", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2);
    }

    @Test
    void refusesSchemesOtherThanLdapsAndStartTls() {
        LDAPException refused = assertThrows(LDAPException.class,
                () -> SecureLdap.pool(settings("http://dc1:636", Path.of("ca.pem")), "test", 0));
        assertTrue(refused.getResultCode() == ResultCode.PARAM_ERROR || refused.getResultCode() == ResultCode.DECODING_ERROR,
                refused.getResultCode().toString());
    }

    @Test
    void refusesAMissingCaFileInsteadOfTrustingTheDefaults() {
        LDAPException refused = assertThrows(LDAPException.class,
                () -> SecureLdap.pool(settings("ldaps://dc1:636", Path.of("no-such-ca.pem")), "test", 0));
        assertEquals(ResultCode.LOCAL_ERROR, refused.getResultCode());
        assertTrue(refused.getMessage().contains("no-such-ca.pem"));
    }

    @Test
    void neverPrintsTheServiceAccountPassword() {
        assertFalse(settings("ldaps://dc1:636", Path.of("ca.pem")).toString().contains("service-secret"));
    }

    @Test
    void needsAtLeastOneConnection() {
        assertThrows(IllegalArgumentException.class, () -> new LdapSettings("ldaps://dc1", Path.of("ca.pem"), "b", "d",
                "p", Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }
}
