package io.sspr.events.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void unicodePwdIsQuotedUtf16LittleEndian() {
        assertArrayEquals("\"Ab1🚀\"".getBytes(StandardCharsets.UTF_16LE), Secret.of("Ab1🚀").toUnicodePwd());
    }

    @Test
    void lengthCountsUtf16CodeUnits() {
        assertEquals(7, Secret.of("Ab1🚀🚀").length());
    }

    @Test
    void neverPrintsItsValue() {
        assertEquals("[secret]", Secret.of("hunter2").toString());
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertFalse(Secret.isWellFormed("ab\uD800cd"));
        assertFalse(Secret.isWellFormed("ab\uDC00"));
        assertFalse(Secret.isWellFormed("ab\uD83D"));
        assertTrue(Secret.isWellFormed("ab🚀"));
        assertThrows(IllegalArgumentException.class, () -> Secret.of("x\uD800"));
    }

    @Test
    void clearWipesTheCharacters() {
        Secret secret = Secret.of("hunter2");
        secret.clear();
        assertArrayEquals(new char[7], secret.chars());
    }
}
