package io.sspr.worker.directory;

import io.sspr.events.crypto.Secret;

/**
 * The password operations AD offers over LDAP; the only writes the system makes to the directory. Every operation
 * takes the account as {@link #find} returned it, so a renamed or moved account is still the one written.
 */
public interface PasswordDirectory {

    /**
     * The one account the reference names: by objectGUID when it has one, else by sAMAccountName or UPN.
     *
     * @throws DirectoryException USER_NOT_FOUND for none, USER_AMBIGUOUS for several, DIRECTORY_UNAVAILABLE
     */
    DirectoryAccount find(AccountRef ref) throws DirectoryException;

    /** The user's own change: proves the current password and sets the new one, under the full policy. */
    void change(DirectoryAccount account, Secret currentPassword, Secret newPassword) throws DirectoryException;

    /** Sets a new password without the current one (forgot-password reset, help-desk reset). */
    void reset(DirectoryAccount account, Secret newPassword, ResetOptions options) throws DirectoryException;

    /** Clears a lockout without touching the password. */
    void unlock(DirectoryAccount account) throws DirectoryException;

    /** Whether the DC answers on the service account's connection, and how long its certificate is valid. */
    DirectoryHealth health();
}
