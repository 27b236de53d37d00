package io.sspr.worker.testing;

import io.sspr.events.ResultCode;
import io.sspr.events.crypto.Secret;
import io.sspr.worker.directory.AccountRef;
import io.sspr.worker.directory.BindSession;
import io.sspr.worker.directory.DirectoryAccount;
import io.sspr.worker.directory.DirectoryException;
import io.sspr.worker.directory.DirectoryHealth;
import io.sspr.worker.directory.PasswordDirectory;
import io.sspr.worker.directory.ResetOptions;
import io.sspr.worker.directory.WriteSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One account on one DC, in memory: records what would have been written (secrets in clear only inside tests), moves
 * pwdLastSet with every write as AD does, and fails on demand. Thread-safe, for tests that race two workers.
 */
public final class FakeDirectory implements PasswordDirectory {
    public static final String DC = "dc1.example.test:636";

    private final List<String> calls = new ArrayList<>();
    private final List<ResetOptions> resetOptions = new ArrayList<>();
    private final List<String> askedAt = new ArrayList<>();
    private final Deque<DirectoryException> writeFailures = new ArrayDeque<>();
    private final Deque<DirectoryException> bindFailures = new ArrayDeque<>();
    private int userAccountControl;
    private int userAccountControlComputed;
    private DirectoryException failWith;
    private long pwdLastSet = 1000;
    private boolean loseAnswerOfNextWrite;
    private boolean down;
    private Runnable duringWrite = () -> {
    };

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<ResetOptions> resetOptions() {
        return List.copyOf(resetOptions);
    }

    /** The DCs {@link #findAt} was asked, in order. */
    public synchronized List<String> askedAt() {
        return List.copyOf(askedAt);
    }

    public synchronized long pwdLastSet() {
        return pwdLastSet;
    }

    /** As if someone else (or an earlier write) changed the password. */
    public synchronized void movePwdLastSet() {
        pwdLastSet++;
    }

    /** The next write fails with this; transient ones are retried. */
    public synchronized void failNextWrite(DirectoryException failure) {
        writeFailures.add(failure);
    }

    /** Every write fails with this. */
    public synchronized void failEveryWrite(DirectoryException failure) {
        failWith = failure;
    }

    /** The next write happens, but its answer is lost (a response timeout). */
    public synchronized void loseAnswerOfNextWrite() {
        loseAnswerOfNextWrite = true;
    }

    /** The next bind as the user fails with this (sent, so never retried): a lost answer, 775 ... */
    public synchronized void failNextBind(DirectoryException failure) {
        bindFailures.add(failure);
    }

    /** The account's userAccountControl and msDS-User-Account-Control-Computed, as find reads them. */
    public synchronized void accountState(int uac, int uacComputed) {
        userAccountControl = uac;
        userAccountControlComputed = uacComputed;
    }

    /** The DC does not answer at all (stopped, unreachable). */
    public synchronized void down(boolean isDown) {
        down = isDown;
    }

    /** Runs inside each write, after it was counted, outside this directory's lock. */
    public synchronized void duringWrite(Runnable action) {
        duringWrite = action;
    }

    public static DirectoryException unavailable() {
        return new DirectoryException(ResultCode.DIRECTORY_UNAVAILABLE, "connect error", null);
    }

    @Override
    public synchronized DirectoryAccount find(AccountRef ref) throws DirectoryException {
        checkUp();
        return new DirectoryAccount(TestEvents.DN, null, ref.username(), userAccountControl,
                userAccountControlComputed, pwdLastSet, DC);
    }

    @Override
    public synchronized DirectoryAccount findAt(String server, AccountRef ref) throws DirectoryException {
        askedAt.add(server);
        return find(ref);
    }

    @Override
    public synchronized WriteSession openWrite() throws DirectoryException {
        checkUp();
        return new Session();
    }

    /** The account's password is {@link TestEvents#CURRENT_PASSWORD}; every bind is recorded as "bind DN". */
    @Override
    public synchronized BindSession openBind() throws DirectoryException {
        checkUp();
        return new BindSession() {
            @Override
            public String server() {
                return DC;
            }

            @Override
            public void bindOnce(DirectoryAccount account, Secret password) throws DirectoryException {
                bind(account, password);
            }

            @Override
            public void close() {
            }
        };
    }

    private synchronized void bind(DirectoryAccount account, Secret password) throws DirectoryException {
        checkUp();
        calls.add("bind " + account.dn());
        if (!bindFailures.isEmpty()) {
            throw bindFailures.poll();
        }
        if (!TestEvents.CURRENT_PASSWORD.equals(new String(password.chars()))) {
            throw new DirectoryException(ResultCode.CURRENT_PASSWORD_WRONG,
                    "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1", null);
        }
    }

    @Override
    public DirectoryHealth health() {
        return new DirectoryHealth(!down, DC, null, null);
    }

    private void checkUp() throws DirectoryException {
        if (down) {
            throw unavailable();
        }
    }

    private final class Session implements WriteSession {
        @Override
        public String server() {
            return DC;
        }

        @Override
        public long pwdLastSet(DirectoryAccount account) {
            return FakeDirectory.this.pwdLastSet();
        }

        @Override
        public void change(DirectoryAccount account, Secret currentPassword, Secret newPassword)
                throws DirectoryException {
            write("change " + account.dn() + " " + new String(currentPassword.chars()) + " "
                    + new String(newPassword.chars()), null);
        }

        @Override
        public void reset(DirectoryAccount account, Secret newPassword, ResetOptions options)
                throws DirectoryException {
            write("reset " + account.dn() + " " + new String(newPassword.chars()), options);
        }

        @Override
        public void unlock(DirectoryAccount account) throws DirectoryException {
            write("unlock " + account.dn(), null);
        }

        @Override
        public void close() {
        }
    }

    private void write(String call, ResetOptions options) throws DirectoryException {
        Runnable during;
        boolean loseAnswer;
        synchronized (this) {
            checkUp();
            if (failWith != null) {
                throw failWith;
            }
            if (!writeFailures.isEmpty()) {
                throw writeFailures.poll();
            }
            calls.add(call);
            if (options != null) {
                resetOptions.add(options);
            }
            pwdLastSet++;
            loseAnswer = loseAnswerOfNextWrite;
            loseAnswerOfNextWrite = false;
            during = duringWrite;
        }
        during.run();
        if (loseAnswer) {
            throw new DirectoryException(ResultCode.DIRECTORY_UNAVAILABLE, "response timeout", null);
        }
    }
}
