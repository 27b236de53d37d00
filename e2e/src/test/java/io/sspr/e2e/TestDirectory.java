package io.sspr.e2e;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.sspr.events.testing.StackDirectory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** The test's own view of the Samba DC over LDAPS: creates throw-away users and tries binds. */
final class TestDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunningStack parts;

    TestDirectory(RunningStack parts) throws LDAPException {
        this.parts = parts;
    }

    record TestUser(String samAccountName, String displayName, String dn) {
        String upn() {
            return samAccountName + "@example.test";
        }
    }

    /** A complex password that is new for every run, so scanning for it means something. */
    static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder password = new StringBuilder("Pw-");
        for (int i = 0; i < 14; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.append("!7x").toString();
    }

    TestUser createUser(String password) throws LDAPException {
        String name = "e2e" + Integer.toHexString(RANDOM.nextInt(0x1000000) | 0x1000000).substring(1);
        String displayName = "Erin Tester " + name.substring(3);
        String dn = "CN=" + displayName + ",CN=Users," + parts.ldapBaseDn();
        try (LDAPConnection admin = connectAsAdmin()) {
            admin.add(dn,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("sAMAccountName", name),
                    new Attribute("userPrincipalName", name + "@example.test"),
                    new Attribute("displayName", displayName),
                    new Attribute("givenName", "Erin"),
                    new Attribute("sn", "Tester " + name.substring(3)),
                    new Attribute("mail", name + "@example.test"),
                    new Attribute("unicodePwd", unicodePwd(password)),
                    new Attribute("userAccountControl", "512"));
        }
        return new TestUser(name, displayName, dn);
    }

    void deleteUser(TestUser user) throws LDAPException {
        try (LDAPConnection admin = connectAsAdmin()) {
            if (admin.getEntry(psoDn(user)) != null) {
                admin.delete(psoDn(user));
            }
            admin.delete(user.dn());
        }
    }

    /** True when a simple bind with this password succeeds, false when the directory says the credentials are wrong. */
    boolean canBind(TestUser user, String password) throws LDAPException {
        try (LDAPConnection connection = StackDirectory.bindAs(user.dn(), password)) {
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw e;
        }
    }

    /** The raw pwdLastSet: it moves with every password write, so an unchanged value proves no second write. */
    long pwdLastSet(TestUser user) throws LDAPException {
        try (LDAPConnection admin = connectAsAdmin()) {
            return admin.getEntry(user.dn(), "pwdLastSet").getAttributeValueAsLong("pwdLastSet");
        }
    }

    /** A fine-grained password policy for this user only that locks the account after {@code failures} wrong passwords. */
    void lockAfterFailures(TestUser user, int failures) throws LDAPException {
        try (LDAPConnection admin = connectAsAdmin()) {
            StackDirectory.addLockoutPolicy(admin, user.dn(), failures);
        }
    }

    /** Wrong-password binds until the DC reports the account locked out (bounded). */
    void lockOut(TestUser user) throws LDAPException {
        for (int attempt = 0; attempt < 10 && !isLockedOut(user); attempt++) {
            if (canBind(user, "Wrong-pass1!")) {
                throw new IllegalStateException("a wrong password bound");
            }
        }
        if (!isLockedOut(user)) {
            throw new IllegalStateException(user.samAccountName() + " is not locked out after 10 wrong passwords");
        }
    }

    /** msDS-User-Account-Control-Computed has UF_LOCKOUT: locked now (an expired lockout does not count). */
    boolean isLockedOut(TestUser user) throws LDAPException {
        try (LDAPConnection admin = connectAsAdmin()) {
            long computed = admin.getEntry(user.dn(), "msDS-User-Account-Control-Computed")
                    .getAttributeValueAsLong("msDS-User-Account-Control-Computed");
            return (computed & 0x10) != 0;
        }
    }

    private String psoDn(TestUser user) throws LDAPException {
        return StackDirectory.lockoutPolicyDn(user.dn());
    }

    /** A connection bound as the directory's administrator; the caller closes it. */
    LDAPConnection connectAsAdmin() throws LDAPException {
        return StackDirectory.bindAs(parts.ldapAdminDn(), parts.ldapAdminPassword());
    }

    private static byte[] unicodePwd(String password) {
        return ('"' + password + '"').getBytes(StandardCharsets.UTF_16LE);
    }
}
