package io.sspr.validator.policy.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import io.sspr.events.ResultCode;
import io.sspr.events.Violation;

/**
 * Passwords known from breaches, as Have I Been Pwned publishes them (SHA-1, upper-case hex, with a count). Only
 * the first 64 bits of each hash are kept, in one sorted {@code long[]}: 8 bytes an entry, a binary search a check;
 * a false match needs a 64-bit collision with one of the listed hashes, about one in 10^13 for a million entries.
 */
public final class BreachedPasswords {

    private final long[] hashPrefixes;

    private BreachedPasswords(long[] sortedHashPrefixes) {
        this.hashPrefixes = sortedHashPrefixes;
    }

    /**
     * Reads either a directory of HIBP range files (file name = the 5-character prefix, lines {@code SUFFIX:COUNT})
     * or one file of full hashes ({@code HASH:COUNT}, as the HIBP downloader writes it); entries seen fewer than
     * {@code minCount} times are left out.
     */
    public static BreachedPasswords load(Path location, int minCount) {
        LongArrayBuilder prefixes = new LongArrayBuilder();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> ranges = Files.list(location)) {
                    for (Path range : ranges.sorted().toList()) {
                        String prefix = range.getFileName().toString().substring(0, 5);
                        read(range, prefix, minCount, prefixes);
                    }
                }
            } else {
                read(location, "", minCount, prefixes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the breached-password list " + location, e);
        }
        long[] sorted = prefixes.toArray();
        Arrays.sort(sorted);
        return new BreachedPasswords(sorted);
    }

    public int size() {
        return hashPrefixes.length;
    }

    /** What the structure holds, in bytes: the figure behind "bytes per entry". */
    public long footprintBytes() {
        return 16L + 8L * hashPrefixes.length;
    }

    public Optional<Violation> check(CharSequence password) {
        return isBreached(password) ? Optional.of(Violation.of(ResultCode.PASSWORD_BREACHED)) : Optional.empty();
    }

    boolean isBreached(CharSequence password) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest(bytes);
            return Arrays.binarySearch(hashPrefixes, ByteBuffer.wrap(digest).getLong()) >= 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
        }
    }

    private static void read(Path file, String rangePrefix, int minCount, LongArrayBuilder prefixes) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String hash = rangePrefix + line.substring(0, colon).strip();
                if (hash.length() != 40) {
                    throw new IllegalArgumentException("not a SHA-1 line in " + file + " (" + hash.length()
                            + " hex digits)");
                }
                int count = Integer.parseInt(line.substring(colon + 1).strip());
                if (count >= minCount) {
                    prefixes.add(HexFormat.fromHexDigitsToLong(hash, 0, 16));
                }
            }
        }
    }

    /** Grows like ArrayList but without boxing a million longs. */
    private static final class LongArrayBuilder {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
