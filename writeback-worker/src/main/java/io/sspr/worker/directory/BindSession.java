package io.sspr.worker.directory;

import io.sspr.events.crypto.Secret;

/**
 * One connection for one user's password check (VERIFY_PASSWORD): connected, and naming its DC, before anything is
 * sent, so the ledger can record where the bind goes before it is made. It carries exactly one bind as the user
 * ({@link io.sspr.directory.UserBind}); writes nothing.
 */
public interface BindSession extends AutoCloseable {

    /** The DC this connection reached, as host:port. */
    String server();

    /**
     * Binds once as the account with the password. Returns normally when the DC confirmed the password: the bind
     * succeeded, or was refused only because the password has expired (data 532) or must be changed (data 773),
     * answers AD gives only to the right password.
     *
     * @throws DirectoryException CURRENT_PASSWORD_WRONG (data 52e, or 49 without a data code), ACCOUNT_LOCKED (775),
     *         ACCOUNT_DISABLED (533, 701), ACCESS_DENIED (530, 531), or DIRECTORY_UNAVAILABLE when the bind was sent
     *         and no answer came: the DC may have counted it, so it must not be tried again
     */
    void bindOnce(DirectoryAccount account, Secret password) throws DirectoryException;

    /** Closes the connection; it is used for nothing else. */
    @Override
    void close();
}
