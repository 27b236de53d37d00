package io.sspr.events.crypto;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.aead.AeadConfig;
import io.sspr.events.Services;
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
    public static final String CODE_MAC_TEMPLATE = "HMAC_SHA256_256BITTAG";
    public static final String SECRET_STORAGE_TEMPLATE = "AES256_GCM";

    static final Configuration CONFIG;

    static {
        try {
            HybridConfig.register();
            SignatureConfig.register();
            MacConfig.register();
            AeadConfig.register();
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

    /** Written readable by the owner only as well: a service's folder is its own. */
    public static void writePublic(KeysetHandle keyset, Path file) throws IOException, GeneralSecurityException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset),
                StandardOpenOption.TRUNCATE_EXISTING);
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
     * {@code generate DIR}: gives each holder of {@link KeyHolders} its folder {@code DIR/<holder>/keys} with exactly
     * its files (directories 0700, private keysets 0600). Keysets that exist are kept, so running it again keeps the
     * keys that signed and sealed events in flight; public copies are written again from their private keysets.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !"generate".equals(args[0])) {
            System.err.println("usage: Keysets generate SECRETS_DIR");
            System.exit(2);
        }
        Path root = Path.of(args[1]);
        for (String holder : Services.SIGNERS) {
            ownPrivate(root, holder, KeyHolders.SIGNING_PRIVATE, SIGNING_TEMPLATE);
        }
        KeysetHandle sealing = ownPrivate(root, Services.WRITEBACK_WORKER, KeyHolders.SEALING_PRIVATE,
                SEALING_TEMPLATE);
        KeysetHandle validationSealing = ownPrivate(root, Services.POLICY_VALIDATOR,
                KeyHolders.VALIDATION_SEALING_PRIVATE, SEALING_TEMPLATE);
        ownPrivate(root, Services.RESET_PORTAL, KeyHolders.CODE_MAC_PRIVATE, CODE_MAC_TEMPLATE);
        ownPrivate(root, Services.RESET_PORTAL, KeyHolders.SECRET_STORAGE_PRIVATE, SECRET_STORAGE_TEMPLATE);
        for (String holder : Services.SIGNERS) {
            for (String file : KeyHolders.filesOf(holder)) {
                Path target = keysDir(root, holder).resolve(file);
                if (file.equals(KeyHolders.SEALING_PUBLIC)) {
                    writePublic(publicPart(sealing), target);
                } else if (file.equals(KeyHolders.VALIDATION_SEALING_PUBLIC)) {
                    writePublic(publicPart(validationSealing), target);
                } else if (file.startsWith(KeyHolders.TRUSTED_DIR + "/")) {
                    String producer = file.substring(KeyHolders.TRUSTED_DIR.length() + 1, file.length() - 5);
                    Files.createDirectories(target.getParent(), OWNER_ONLY_DIR);
                    writePublic(publicPart(readPrivate(keysDir(root, producer).resolve(KeyHolders.SIGNING_PRIVATE))),
                            target);
                }
            }
        }
        System.out.println("keysets in " + root.toAbsolutePath() + "/<holder>/keys");
    }

    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** {@code <secrets>/<holder>/keys} */
    public static Path keysDir(Path secretsRoot, String holder) {
        return secretsRoot.resolve(holder).resolve("keys");
    }

    private static KeysetHandle ownPrivate(Path root, String holder, String file, String template) throws Exception {
        Path dir = keysDir(root, holder);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent(), OWNER_ONLY_DIR);
            Files.createDirectories(dir, OWNER_ONLY_DIR);
        }
        Path path = dir.resolve(file);
        if (Files.exists(path)) {
            return readPrivate(path);
        }
        KeysetHandle created = generate(template);
        writePrivate(created, path);
        return created;
    }
}
