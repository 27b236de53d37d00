package io.sspr.validator.directory;

import io.sspr.validator.service.UserNames;

/** The few attributes of an account that the policy needs. */
public record DirectoryUser(String dn, String accountName, String displayName, String userPrincipalName,
        int userAccountControl) {
    /** userAccountControl ACCOUNTDISABLE. */
    static final int ACCOUNT_DISABLED = 0x2;

    public boolean isDisabled() {
        return (userAccountControl & ACCOUNT_DISABLED) != 0;
    }

    public UserNames names() {
        return new UserNames(accountName, displayName);
    }
}
