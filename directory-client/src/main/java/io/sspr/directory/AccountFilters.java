package io.sspr.directory;

import com.unboundid.ldap.sdk.Filter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.UUID;

/**
 * The one way services find an account: by sAMAccountName or UPN, or by objectGUID. Filters are built by the SDK,
 * which escapes every value, so a user name can never change a filter's shape (no LDAP injection).
 */
public final class AccountFilters {

    private AccountFilters() {
    }

    /** A user whose sAMAccountName or userPrincipalName is exactly {@code username}. */
    public static Filter byName(String username) {
        return Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "user"),
                Filter.createORFilter(
                        Filter.createEqualityFilter("sAMAccountName", username),
                        Filter.createEqualityFilter("userPrincipalName", username)));
    }

    /** The object whose objectGUID has this string form (as {@link #guidText} writes it). */
    public static Filter byObjectGuid(String guidText) {
        return Filter.createEqualityFilter("objectGUID", guidBytes(guidText));
    }

    /**
     * objectGUID's string form, as Windows shows it ({@code Get-ADUser} and {@code [guid]}): the first three groups
     * are little-endian in the 16 bytes, the last two big-endian.
     */
    public static String guidText(byte[] objectGuid) {
        if (objectGuid == null || objectGuid.length != 16) {
            throw new IllegalArgumentException("objectGUID must be 16 bytes");
        }
        ByteBuffer le = ByteBuffer.wrap(objectGuid).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.wrap(objectGuid, 8, 8).order(ByteOrder.BIG_ENDIAN);
        long high = ((le.getInt(0) & 0xFFFFFFFFL) << 32) | ((le.getShort(4) & 0xFFFFL) << 16) | (le.getShort(6) & 0xFFFFL);
        return new UUID(high, be.getLong()).toString().toLowerCase(Locale.ROOT);
    }

    /** The 16 bytes of an objectGUID from its string form. */
    public static byte[] guidBytes(String guidText) {
        UUID uuid = UUID.fromString(guidText);
        long high = uuid.getMostSignificantBits();
        ByteBuffer out = ByteBuffer.allocate(16);
        out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (high >>> 32)).putShort((short) (high >>> 16))
                .putShort((short) high);
        out.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
        return out.array();
    }
}
