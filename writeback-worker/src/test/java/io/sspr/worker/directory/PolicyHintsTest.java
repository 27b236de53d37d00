package io.sspr.worker.directory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Control;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyHintsTest {

    /** BER of SEQUENCE { INTEGER 1 }: 30 03 | 02 01 01. */
    @Test
    void theValueIsASequenceHoldingTheFlagOne() {
        Control control = PolicyHints.control(PolicyHints.OID);

        assertEquals("1.2.840.113556.1.4.2239", control.getOID());
        assertTrue(control.isCritical(), "a DC that lists it must apply it or refuse");
        assertArrayEquals(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, control.getValue().getValue());
    }

    @Test
    void olderDcsGetTheSameValueUnderTheirOid() {
        Control control = PolicyHints.control(PolicyHints.DEPRECATED_OID);

        assertEquals("1.2.840.113556.1.4.2066", control.getOID());
        assertArrayEquals(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, control.getValue().getValue());
    }

    @Test
    void theCurrentOidIsPreferred() {
        assertEquals(List.of("1.2.840.113556.1.4.2239", "1.2.840.113556.1.4.2066"), PolicyHints.OIDS);
    }
}
