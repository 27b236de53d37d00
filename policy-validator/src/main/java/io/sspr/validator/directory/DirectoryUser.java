package io.sspr.validator.directory;

import io.sspr.validator.policy.AccountChecks.AccountFacts;
import io.sspr.validator.policy.UserNames;
import java.time.Instant;

/**
 * The few attributes of an account that the policy needs.
 *
 * @param passwordLastSet null when the password must be changed at next logon (pwdLastSet 0) or is unknown
 * @param resultantPsoDn the fine-grained policy the directory computed for the account, null for none
 * @param objectGuid the account's objectGUID in its string form, so the worker finds it even after a rename
 */
public record DirectoryUser(String dn, String accountName, String displayName, String userPrincipalName,
        int userAccountControl, boolean protectedAccount, Instant passwordLastSet, String resultantPsoDn,
        String objectGuid) {
    /** userAccountControl ACCOUNTDISABLE. */
    static final int ACCOUNT_DISABLED = 0x2;

    public DirectoryUser(String dn, String accountName, String displayName, String userPrincipalName,
            int userAccountControl) {
        this(dn, accountName, displayName, userPrincipalName, userAccountControl, false, null, null, null);
    }

    public boolean isDisabled() {
        return (userAccountControl & ACCOUNT_DISABLED) != 0;
    }

    public UserNames names() {
        return new UserNames(accountName, displayName);
    }

    public AccountFacts facts(boolean inScope) {
        return new AccountFacts(protectedAccount, inScope, passwordLastSet);
    }
}
