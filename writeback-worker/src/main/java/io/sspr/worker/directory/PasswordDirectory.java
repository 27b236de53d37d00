package io.sspr.worker.directory;

import io.sspr.events.crypto.Secret;

/** The password operations AD offers over LDAP; the only writes the system makes to the directory. */
public interface PasswordDirectory {

    /** The user's own change: proves the current password and sets the new one, under the full policy. */
    void change(String userDn, Secret currentPassword, Secret newPassword) throws DirectoryException;

    /** Sets a new password without the current one (forgot-password reset, help-desk reset). */
    void reset(String userDn, Secret newPassword) throws DirectoryException;

    /** Clears a lockout without touching the password. */
    void unlock(String userDn) throws DirectoryException;

    /** Whether the DC answers on the service account's connection (readiness). */
    boolean isReachable();
}
