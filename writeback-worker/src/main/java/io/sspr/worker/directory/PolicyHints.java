package io.sspr.worker.directory;

import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.Control;
import java.util.List;

/**
 * AD's LDAP_SERVER_POLICY_HINTS control: on an admin reset it makes the DC apply password history (and minimum
 * age) as it would for the user's own change, so a forgotten-password reset cannot reuse an old password.
 */
final class PolicyHints {
    static final String OID = "1.2.840.113556.1.4.2239";
    /** The same control under the OID of Windows Server 2008 R2 and older DCs. */
    static final String DEPRECATED_OID = "1.2.840.113556.1.4.2066";
    /** Preferred first. */
    static final List<String> OIDS = List.of(OID, DEPRECATED_OID);

    private PolicyHints() {
    }

    /**
     * {@code SEQUENCE { Flags INTEGER }} with flags 1 (enforce). Critical: it is only sent to a DC that lists it, and
     * a reset that silently skipped history would be worse than a refused one.
     */
    static Control control(String oid) {
        byte[] value = new ASN1Sequence(new ASN1Integer(1)).encode();
        return new Control(oid, true, new ASN1OctetString(value));
    }
}
