package io.sspr.validator.policy.lists;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Writes breached-password files in HIBP's format for tests and the benchmark (never committed: they are big). */
public final class HibpFiles {

    private HibpFiles() {
    }

    public static String sha1Hex(String password) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file of {@code HASH:COUNT}: the given passwords (count 10) plus {@code randomEntries} random hashes. */
    public static Path fullHashFile(Path file, int randomEntries, long seed, String... passwords) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        byte[] hash = new byte[20];
        HexFormat hex = HexFormat.of().withUpperCase();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (String password : passwords) {
                out.write(sha1Hex(password) + ":10\n");
            }
            for (int i = 0; i < randomEntries; i++) {
                random.nextBytes(hash);
                out.write(hex.formatHex(hash) + ":" + (1 + random.nextInt(1000)) + "\n");
            }
        }
        return file;
    }

    /** A directory of range files, one per 5-digit prefix, lines {@code SUFFIX:COUNT}. */
    public static Path rangeDirectory(Path directory, String password, int count) throws IOException {
        Files.createDirectories(directory);
        String hash = sha1Hex(password);
        Files.writeString(directory.resolve(hash.substring(0, 5)),
                "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n" + hash.substring(5) + ":" + count + "\r\n",
                StandardCharsets.US_ASCII);
        return directory;
    }
}
