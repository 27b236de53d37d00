package io.sspr.events.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A password in memory. It prints as "[secret]" so that it cannot reach a log or an exception by accident;
 * {@link #clear()} wipes it once it has been used.
 */
public final class Secret implements AutoCloseable {
    private final char[] chars;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** Refuses text that is not well-formed UTF-16 (a lone surrogate), which no directory can store. */
    public static Secret of(String text) {
        if (!isWellFormed(text)) {
            throw new IllegalArgumentException("the secret is not well-formed Unicode");
        }
        return new Secret(text.toCharArray());
    }

    static Secret fromUtf8(byte[] utf8) {
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
            char[] chars = new char[decoded.remaining()];
            decoded.get(chars);
            Arrays.fill(decoded.array(), '\0');
            return new Secret(chars);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the secret is not valid UTF-8");
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the characters; the caller wipes it. */
    public char[] chars() {
        return chars.clone();
    }

    /** Length in UTF-16 code units, as the directory counts it. */
    public int length() {
        return chars.length;
    }

    /** The value for AD's unicodePwd attribute: the password in double quotes, UTF-16LE. */
    public byte[] toUnicodePwd() {
        byte[] value = new byte[(chars.length + 2) * 2];
        putUtf16Le(value, 0, '"');
        for (int i = 0; i < chars.length; i++) {
            putUtf16Le(value, (i + 1) * 2, chars[i]);
        }
        putUtf16Le(value, (chars.length + 1) * 2, '"');
        return value;
    }

    byte[] toUtf8() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    private static void putUtf16Le(byte[] target, int offset, char c) {
        target[offset] = (byte) c;
        target[offset + 1] = (byte) (c >>> 8);
    }

    public void clear() {
        Arrays.fill(chars, '\0');
    }

    @Override
    public void close() {
        clear();
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
