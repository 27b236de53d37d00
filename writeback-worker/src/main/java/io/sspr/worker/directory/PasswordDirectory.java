package io.sspr.worker.directory;

/**
 * The password operations AD offers over LDAP; the only writes the system makes to the directory, and the one check
 * of a user's password (a bind as the user, {@link #openBind}). Every write takes
 * the account as {@link #find} returned it, so a renamed or moved account is still the one written.
 */
public interface PasswordDirectory {

    /**
     * The one account the reference names: by objectGUID when it has one, else by sAMAccountName or UPN, read on
     * whichever configured DC the pool uses.
     *
     * @throws DirectoryException USER_NOT_FOUND for none, USER_AMBIGUOUS for several, DIRECTORY_UNAVAILABLE
     */
    DirectoryAccount find(AccountRef ref) throws DirectoryException;

    /**
     * The account as one DC sees it: the DC a write went to, asked whether that write happened (another DC may not
     * have replicated it yet). When that DC is no longer configured it is gone for good and the pool is asked;
     * when it is configured but does not answer, DIRECTORY_UNAVAILABLE.
     *
     * @param server host:port as {@link WriteSession#server()} named it; null (not recorded) asks the pool
     */
    DirectoryAccount findAt(String server, AccountRef ref) throws DirectoryException;

    /** A write connection for one request; close it when the request's write is done. */
    WriteSession openWrite() throws DirectoryException;

    /**
     * A connection for one user's password check, to the first configured DC that answers, bound as nobody yet.
     *
     * @throws DirectoryException DIRECTORY_UNAVAILABLE when no DC could be reached: no bind was sent, so trying again
     *         is harmless
     */
    BindSession openBind() throws DirectoryException;

    /** Whether the DC answers on the service account's connection, and how long its certificate is valid. */
    DirectoryHealth health();
}
