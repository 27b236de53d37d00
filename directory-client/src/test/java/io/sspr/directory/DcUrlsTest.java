package io.sspr.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;

class DcUrlsTest {

    @Test
    void aListIsParsedInOrderWithDefaultPorts() throws LDAPException {
        List<LDAPURL> urls = DcUrls.parse(" ldaps://dc1.example.test:636 , ldap://dc2.example.test,ldaps://dc3.example.test");

        assertEquals(List.of("dc1.example.test:636", "dc2.example.test:389", "dc3.example.test:636"),
                urls.stream().map(u -> u.getHost() + ":" + u.getPort()).toList());
    }

    @Test
    void oneUrlIsAListOfOne() throws LDAPException {
        assertEquals(1, DcUrls.parse("ldaps://localhost:636").size());
    }

    @Test
    void emptyEntriesAndOtherSchemesAndMissingHostsAreRefused() {
        for (String bad : List.of("", "ldaps://dc1,", "ldaps://dc1,,ldaps://dc2", "http://dc1:636",
                "ldaps://dc1,ldapi://%2fvar%2frun", "ldaps://", "dc1.example.test")) {
            assertThrows(LDAPException.class, () -> DcUrls.parse(bad), bad);
        }
    }

    @Test
    void ldapsIsTlsAndLdapIsStartTlsUnlessPlainTextIsAllowed() throws LDAPException {
        LDAPURL ldaps = new LDAPURL("ldaps://dc1");
        LDAPURL ldap = new LDAPURL("ldap://dc1");

        assertEquals(Transport.TLS, Transport.of(ldaps, false));
        assertEquals(Transport.TLS, Transport.of(ldaps, true));
        assertEquals(Transport.START_TLS, Transport.of(ldap, false));
        assertEquals(Transport.PLAIN, Transport.of(ldap, true));
    }
}
