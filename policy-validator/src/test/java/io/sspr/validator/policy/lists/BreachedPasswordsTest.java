package io.sspr.validator.policy.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sspr.events.ResultCode;

class BreachedPasswordsTest {

    @TempDir
    Path tmp;

    @Test
    void hashesTheWayHibpDoes() {
        String hash = HibpFiles.sha1Hex("password");
        assertEquals("5BAA6", hash.substring(0, 5));
        assertEquals("1E4C9B93F3F0682250B6CF8331B7EE68FD8", hash.substring(5));
    }

    @Test
    void findsAPasswordInAFileOfFullHashesAmongAHundredThousand() throws Exception {
        Path file = HibpFiles.fullHashFile(tmp.resolve("pwned.txt"), 100_000, 42, "password", "Tr0ub4dor&3");
        BreachedPasswords breached = BreachedPasswords.load(file, 1);

        assertEquals(100_002, breached.size());
        assertTrue(breached.isBreached("password"));
        assertTrue(breached.isBreached("Tr0ub4dor&3"));
        assertFalse(breached.isBreached("Tulip-Harbor-Quartz-81"));
        assertEquals(ResultCode.PASSWORD_BREACHED, breached.check("password").orElseThrow().code());
        assertTrue(breached.footprintBytes() / breached.size() <= 8, "8 bytes an entry");
    }

    @Test
    void readsRangeFilesAndLeavesOutRareEntries() throws Exception {
        Path ranges = HibpFiles.rangeDirectory(tmp.resolve("ranges"), "correct horse", 3);

        assertTrue(BreachedPasswords.load(ranges, 3).isBreached("correct horse"));
        assertFalse(BreachedPasswords.load(ranges, 4).isBreached("correct horse"), "seen 3 times, 4 required");
    }

    @Test
    void hashesNonAsciiPasswordsAsUtf8() throws Exception {
        Path file = HibpFiles.fullHashFile(tmp.resolve("utf8.txt"), 0, 1, "pässwörd€😀");
        assertTrue(BreachedPasswords.load(file, 1).isBreached("pässwörd€😀"));
    }

    @Test
    void aBrokenFileIsAClearErrorNotAnEmptyList() throws Exception {
        Path file = Files.writeString(tmp.resolve("broken.txt"), "XYZ:1\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BreachedPasswords.load(file, 1));
        assertTrue(refused.getMessage().contains("broken.txt"));
    }
}
