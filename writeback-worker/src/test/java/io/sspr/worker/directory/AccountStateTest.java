package io.sspr.worker.directory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sspr.events.ResultCode;
import org.junit.jupiter.api.Test;

class AccountStateTest {
    private static final int NORMAL = 0x200;
    private static final int DISABLED = NORMAL | 0x2;
    private static final int LOCKOUT = 0x10;

    private static DirectoryAccount account(int userAccountControl, int computed) {
        return new DirectoryAccount("CN=u1,CN=Users,DC=example,DC=test", null, "u1", userAccountControl, computed, 1L,
                null);
    }

    @Test
    void aDisabledAccountIsNeitherChangedNorReset() {
        assertEquals(ResultCode.ACCOUNT_DISABLED, assertThrows(DirectoryException.class,
                () -> AccountState.checkCanChange(account(DISABLED, 0))).code());
        assertEquals(ResultCode.ACCOUNT_DISABLED, assertThrows(DirectoryException.class,
                () -> AccountState.checkCanReset(account(DISABLED, LOCKOUT))).code());
    }

    @Test
    void aLockedAccountIsNotChangedButMayBeReset() {
        assertEquals(ResultCode.ACCOUNT_LOCKED, assertThrows(DirectoryException.class,
                () -> AccountState.checkCanChange(account(NORMAL, LOCKOUT))).code());
        assertDoesNotThrow(() -> AccountState.checkCanReset(account(NORMAL, LOCKOUT)));
    }

    @Test
    void aNormalAccountPasses() {
        assertDoesNotThrow(() -> AccountState.checkCanChange(account(NORMAL, 0)));
        assertDoesNotThrow(() -> AccountState.checkCanReset(account(NORMAL, 0)));
    }
}
