package io.sspr.e2e;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.testing.RealParts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault drills' accounts: created once per test JVM and shared by every drill, each with the password it has now.
 * Closed (the accounts deleted) when the JVM's tests are done.
 */
final class DrillUsers implements AutoCloseable {

    /** One account and its current password, as far as the drills know. */
    static final class Account {
        final TestUser user;
        volatile String password;
        /** The new password of a change whose outcome no drill has checked yet (a drill that ended early). */
        volatile String pending;

        Account(TestUser user, String password) {
            this.user = user;
            this.password = password;
        }

        String name() {
            return user.samAccountName();
        }
    }

    private final TestDirectory directory;
    private final List<Account> accounts = new ArrayList<>();

    DrillUsers(TestDirectory directory, int size) {
        this.directory = directory;
        try {
            for (int i = 0; i < size; i++) {
                String password = TestDirectory.randomPassword();
                accounts.add(new Account(directory.createUser(password), password));
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not create the drill's test users: " + RealParts.HINT, e);
        }
    }

    List<Account> accounts() {
        return accounts;
    }

    /**
     * After a drill that ended before it checked its changes: each account's password is the pending new one if
     * that binds, else the old one; when neither binds, a known one is set.
     */
    void settle() throws Exception {
        for (Account account : accounts) {
            String candidate = account.pending;
            if (candidate == null) {
                continue;
            }
            if (directory.canBind(account.user, candidate)) {
                account.password = candidate;
            } else if (!directory.canBind(account.user, account.password)) {
                resetPassword(account);
            }
            account.pending = null;
        }
    }

    /** When neither the old nor the new password binds, the drills set a known one (an admin reset) to go on. */
    void resetPassword(Account account) throws Exception {
        String password = TestDirectory.randomPassword();
        try (LDAPConnection admin = directory.connectAsAdmin()) {
            admin.modify(account.user.dn(), new Modification(ModificationType.REPLACE, "unicodePwd",
                    ('"' + password + '"').getBytes(StandardCharsets.UTF_16LE)));
        }
        account.password = password;
    }

    @Override
    public void close() {
        for (Account account : accounts) {
            try {
                directory.deleteUser(account.user);
            } catch (Exception e) {
                // throw-away accounts: one left behind harms nobody
            }
        }
    }
}
