package io.sspr.worker.directory;

import io.sspr.events.ResultCode;

/**
 * Refusals made before writing, from the account as {@link PasswordDirectory#find} read it. Tried on the Samba 4.17
 * DC of the local stack: it sets the password of a disabled account (change and reset alike) without complaint, so
 * only this check stops it; it refuses a change on a locked-out account itself ("00000775: Password change not
 * permitted, account locked out!"), which the mapper turns into the same ACCOUNT_LOCKED, so a lockout between the
 * read and the write gives the same code. A reset of a locked account is allowed: it is how help desks recover one.
 */
public final class AccountState {
    private AccountState() {
    }

    static void checkCanChange(DirectoryAccount account) throws DirectoryException {
        checkEnabled(account);
        if (account.locked()) {
            throw new DirectoryException(ResultCode.ACCOUNT_LOCKED, "the account is locked out", null);
        }
    }

    /**
     * A password check (a bind as the user) on a disabled or locked-out account could only fail, and on AD a wrong
     * one may still count: it is refused from the state read, before any bind.
     */
    public static void checkCanVerify(DirectoryAccount account) throws DirectoryException {
        checkCanChange(account);
    }

    static void checkCanReset(DirectoryAccount account) throws DirectoryException {
        checkEnabled(account);
    }

    private static void checkEnabled(DirectoryAccount account) throws DirectoryException {
        if (account.disabled()) {
            throw new DirectoryException(ResultCode.ACCOUNT_DISABLED, "the account is disabled", null);
        }
    }
}
