package io.sspr.events.crypto;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The keysets of the system, as Tink JSON files with key ids so keys can roll. Private keysets are stored in
 * clear here (the lab); a production deployment wraps them with a KMS key instead.
 */
public final class Keysets {
    public static final String SEALING_TEMPLATE = "DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM";
    public static final String SIGNING_TEMPLATE = "ED25519";

    /** File names inside a keys directory. */
    public static final String SEALING_PUBLIC = "sealing-public.json";
    public static final String SEALING_PRIVATE = "sealing-private.json";
    public static final String SIGNING_PUBLIC = "signing-public.json";
    public static final String SIGNING_PRIVATE = "signing-private.json";

    static final Configuration CONFIG;

    static {
        try {
            HybridConfig.register();
            SignatureConfig.register();
            CONFIG = RegistryConfiguration.get();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {
    }

    public static KeysetHandle newSealingKeyset() {
        return generate(SEALING_TEMPLATE);
    }

    public static KeysetHandle newSigningKeyset() {
        return generate(SIGNING_TEMPLATE);
    }

    public static KeysetHandle publicPart(KeysetHandle privateKeyset) {
        try {
            return privateKeyset.getPublicKeysetHandle();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a private keyset", e);
        }
    }

    public static KeysetHandle readPublic(Path file) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(Files.readString(file));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read public keyset " + file + ": " + e.getClass().getSimpleName(),
                    e);
        }
    }

    public static KeysetHandle readPrivate(Path file) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read private keyset " + file + ": " + e.getClass().getSimpleName(),
                    e);
        }
    }

    public static void writePublic(KeysetHandle keyset, Path file) throws IOException, GeneralSecurityException {
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset));
    }

    /** Written readable by the owner only. */
    public static void writePrivate(KeysetHandle keyset, Path file) throws IOException, GeneralSecurityException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()),
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static KeysetHandle generate(String template) {
        try {
            return KeysetHandle.generateNew(KeyTemplates.get(template));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + template + " keyset", e);
        }
    }

    /**
     * {@code generate DIR}: writes the four keysets into DIR unless they are already there, so that running it
     * again keeps the keys that sealed events in flight.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !"generate".equals(args[0])) {
            System.err.println("usage: Keysets generate DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        if (!Files.exists(dir.resolve(SEALING_PRIVATE))) {
            KeysetHandle sealing = newSealingKeyset();
            writePrivate(sealing, dir.resolve(SEALING_PRIVATE));
            writePublic(publicPart(sealing), dir.resolve(SEALING_PUBLIC));
        }
        if (!Files.exists(dir.resolve(SIGNING_PRIVATE))) {
            KeysetHandle signing = newSigningKeyset();
            writePrivate(signing, dir.resolve(SIGNING_PRIVATE));
            writePublic(publicPart(signing), dir.resolve(SIGNING_PUBLIC));
        }
        System.out.println("keysets in " + dir.toAbsolutePath());
    }
}
