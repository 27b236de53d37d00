package io.sspr.worker.directory;

/**
 * An account as the worker reads it just before writing.
 *
 * @param pwdLastSet the raw FILETIME; it changes with every password set, which is how a write that may or may not
 *        have happened (a crash, a lost answer) is recognised without writing again
 * @param userAccountControlComputed msDS-User-Account-Control-Computed (UF_LOCKOUT 0x10 is the real lockout state)
 * @param server the DC that answered, as host:port; null when not known. Values such as pwdLastSet are that DC's:
 *        another DC may not have replicated a recent change yet
 */
public record DirectoryAccount(String dn, String objectGuid, String accountName, int userAccountControl,
        int userAccountControlComputed, long pwdLastSet, String server) {
    private static final int ACCOUNTDISABLE = 0x2;
    private static final int LOCKOUT = 0x10;

    public boolean disabled() {
        return (userAccountControl & ACCOUNTDISABLE) != 0;
    }

    public boolean locked() {
        return (userAccountControlComputed & LOCKOUT) != 0;
    }
}
