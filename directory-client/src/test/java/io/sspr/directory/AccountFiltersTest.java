package io.sspr.directory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccountFiltersTest {
    /** A GUID whose groups show the byte order: the first three reversed, the last two as they are. */
    private static final byte[] BYTES = {(byte) 0xd8, (byte) 0xc1, (byte) 0xa2, (byte) 0xb9, 0x4e, 0x12, 0x34, 0x56,
            (byte) 0x9a, (byte) 0xbc, 0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab};

    @Test
    void guidTextIsMixedEndianAsWindowsShowsIt() {
        assertEquals("b9a2c1d8-124e-5634-9abc-0123456789ab", AccountFilters.guidText(BYTES));
        assertArrayEquals(BYTES, AccountFilters.guidBytes("B9A2C1D8-124E-5634-9ABC-0123456789AB"));
    }

    @Test
    void guidFilterMatchesTheRawBytes() {
        assertEquals("(objectGUID=\\d8\\c1\\a2\\b9\\4e\\12\\34\\56\\9a\\bc\\01\\23\\45\\67\\89\\ab)",
                AccountFilters.byObjectGuid("b9a2c1d8-124e-5634-9abc-0123456789ab").toString());
        assertThrows(IllegalArgumentException.class, () -> AccountFilters.byObjectGuid("not-a-guid"));
        assertThrows(IllegalArgumentException.class, () -> AccountFilters.guidText(new byte[3]));
    }

    @Test
    void namesAreEscaped() {
        assertEquals("(&(objectClass=user)(|(sAMAccountName=a\\2a\\29\\28x=1)(userPrincipalName=a\\2a\\29\\28x=1)))",
                AccountFilters.byName("a*)(x=1").toString());
    }
}
