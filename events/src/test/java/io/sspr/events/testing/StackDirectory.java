package io.sspr.events.testing;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import io.sspr.directory.LdapSettings;
import io.sspr.directory.SecureLdap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The stack's Samba AD DC as tests reach it: over its TLS URL, trusting only its CA, bound as one of the accounts
 * {@code deploy/local/stack env} names. A test of a service's directory code binds as that service's own account,
 * so it also proves the account's rights suffice; the Administrator is only for a test's own setup.
 */
public final class StackDirectory {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private StackDirectory() {
    }

    /** The read-only svc-sspr-reader: the validator and the directory sync. */
    public static LdapSettings reader() {
        return as(RealParts.env("LDAP_READER_DN"), RealParts.env("LDAP_READER_PASSWORD"));
    }

    /** svc-sspr-writeback: the worker's writes. */
    public static LdapSettings writeback() {
        return as(RealParts.env("LDAP_WRITEBACK_DN"), RealParts.env("LDAP_WRITEBACK_PASSWORD"));
    }

    /** The Administrator: only for what a test prepares or checks, never what a service does. */
    public static LdapSettings admin() {
        return as(RealParts.env("LDAP_ADMIN_DN"), RealParts.env("LDAP_ADMIN_PASSWORD"));
    }

    /** Any account on the stack's DC, two connections. */
    public static LdapSettings as(String bindDn, String bindPassword) {
        return new LdapSettings(RealParts.env("LDAP_URL"), RealParts.file("LDAP_CA_FILE"),
                RealParts.env("LDAP_BASE_DN"), bindDn, bindPassword, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, 2, false);
    }

    public static String baseDn() {
        return RealParts.env("LDAP_BASE_DN");
    }

    /**
     * One connection to the stack's DC over verified TLS, bound as the account: a failed bind (a wrong or an old
     * password) throws the DC's answer. The caller closes it.
     */
    public static LDAPConnection bindAs(String dn, String password) throws LDAPException {
        LDAPConnection connection = SecureLdap.serverSet(as(dn, password)).getConnection();
        try {
            connection.bind(dn, password);
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Adds a fine-grained password policy for one user only (precedence 1), with the domain's length, history and
     * complexity, that locks the account after {@code failures} wrong passwords for half an hour. The domain's own
     * lockout threshold is 0, under which Samba counts no bad password at all.
     *
     * @return the policy's DN, for the test to delete
     */
    public static String addLockoutPolicy(LDAPInterface admin, String userDn, int failures) throws LDAPException {
        return addPasswordPolicy(admin, userDn, "0", failures);
    }

    /**
     * Adds a fine-grained password policy for one user only (precedence 1 wins over any other), with the domain's
     * length, history and complexity, the given minimum age (AD's negative 100-ns interval) and lockout threshold
     * (0 = none; a lockout lasts half an hour).
     *
     * @return the policy's DN, for the test to delete
     */
    public static String addPasswordPolicy(LDAPInterface admin, String userDn, String minimumAge, int lockoutThreshold)
            throws LDAPException {
        String pso = lockoutPolicyDn(userDn);
        admin.add(new AddRequest(pso,
                new Attribute("objectClass", "msDS-PasswordSettings"),
                new Attribute("msDS-PasswordSettingsPrecedence", "1"),
                new Attribute("msDS-PasswordReversibleEncryptionEnabled", "FALSE"),
                new Attribute("msDS-PasswordHistoryLength", "24"),
                new Attribute("msDS-PasswordComplexityEnabled", "TRUE"),
                new Attribute("msDS-MinimumPasswordLength", "7"),
                new Attribute("msDS-MinimumPasswordAge", minimumAge),
                new Attribute("msDS-MaximumPasswordAge", "-36288000000000"),
                new Attribute("msDS-LockoutThreshold", Integer.toString(lockoutThreshold)),
                new Attribute("msDS-LockoutObservationWindow", "-18000000000"),
                new Attribute("msDS-LockoutDuration", "-18000000000"),
                new Attribute("msDS-PSOAppliesTo", userDn)));
        return pso;
    }

    /** Where {@link #addPasswordPolicy} puts the policy of a user: named after the user's own RDN value. */
    public static String lockoutPolicyDn(String userDn) throws LDAPException {
        DN user = new DN(userDn);
        String base = userDn.substring(userDn.toUpperCase(Locale.ROOT).indexOf("DC="));
        return new RDN("CN", user.getRDN().getAttributeValues()[0] + "-pso")
                + ",CN=Password Settings Container,CN=System," + base;
    }

    /**
     * Removes what a test created, newest first (members before their group, children before their parent); one
     * already gone is fine, and one that cannot be removed is reported without failing the test's own result.
     */
    public static void deleteNewestFirst(LDAPInterface admin, List<String> createdDns) {
        List<String> newestFirst = new ArrayList<>(createdDns);
        Collections.reverse(newestFirst);
        for (String dn : newestFirst) {
            try {
                admin.delete(dn);
            } catch (LDAPException e) {
                if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                    System.err.println("could not delete test object " + dn + ": " + e.getResultCode());
                }
            }
        }
    }
}
