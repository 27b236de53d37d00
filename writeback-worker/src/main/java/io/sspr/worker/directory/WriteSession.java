package io.sspr.worker.directory;

import io.sspr.events.crypto.Secret;

/**
 * One write connection, held for one request: the DC it is connected to is known before anything is written, so
 * the ledger can name it and a recovery can ask that same DC whether the write happened.
 */
public interface WriteSession extends AutoCloseable {

    /** The DC this connection writes to, as host:port. */
    String server();

    /** The account's pwdLastSet as this DC has it. */
    long pwdLastSet(DirectoryAccount account) throws DirectoryException;

    /** The user's own change: proves the current password and sets the new one, under the full policy. */
    void change(DirectoryAccount account, Secret currentPassword, Secret newPassword) throws DirectoryException;

    /** Sets a new password without the current one (forgot-password reset, help-desk reset). */
    void reset(DirectoryAccount account, Secret newPassword, ResetOptions options) throws DirectoryException;

    /** Clears a lockout without touching the password. */
    void unlock(DirectoryAccount account) throws DirectoryException;

    /** Gives the connection back (or drops it, after a failure that left it unusable). */
    @Override
    void close();
}
