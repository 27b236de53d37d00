package io.sspr.worker.directory;

/**
 * An account as the worker reads it just before writing.
 *
 * @param pwdLastSet the raw FILETIME; it changes with every password set, which is how a write that may or may not
 *        have happened (a crash, a lost answer) is recognised without writing again
 * @param userAccountControlComputed msDS-User-Account-Control-Computed (UF_LOCKOUT 0x10 is the real lockout state)
 */
public record DirectoryAccount(String dn, String objectGuid, String accountName, int userAccountControl,
        int userAccountControlComputed, long pwdLastSet) {
    private static final int ACCOUNTDISABLE = 0x2;
    private static final int LOCKOUT = 0x10;

    public boolean disabled() {
        return (userAccountControl & ACCOUNTDISABLE) != 0;
    }

    public boolean locked() {
        return (userAccountControlComputed & LOCKOUT) != 0;
    }
}
