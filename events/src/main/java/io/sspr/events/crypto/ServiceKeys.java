package io.sspr.events.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A service's own key folder ({@code sspr.keys-dir}, the files {@link KeyHolders} gives it): its signer for every
 * record it produces, the verifier for every record it consumes, and the sealing keysets its work needs. A missing
 * file stops the service at start, naming the file.
 */
@ApplicationScoped
public class ServiceKeys {
    private final String service;
    private final Path dir;

    public ServiceKeys(@ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "sspr.keys-dir") Path dir) {
        this.service = service;
        this.dir = dir;
    }

    @Produces
    @Singleton
    EventSigner signer() {
        return signerOf(service, dir);
    }

    @Produces
    @Singleton
    EventVerifier verifier() {
        return verifierOf(service, dir);
    }

    public SecretSealer sealer(String file) {
        return new SecretSealer(Keysets.readPublic(existing(dir, file)));
    }

    public SecretOpener opener(String file) {
        return new SecretOpener(Keysets.readPrivate(existing(dir, file)));
    }

    /** A MAC from one of this service's own keysets (constant-time verification is Tink's). */
    public com.google.crypto.tink.Mac mac(String file) {
        return primitive(file, com.google.crypto.tink.Mac.class);
    }

    /** An AEAD from one of this service's own keysets, for data it stores and reads back itself. */
    public com.google.crypto.tink.Aead aead(String file) {
        return primitive(file, com.google.crypto.tink.Aead.class);
    }

    private <P> P primitive(String file, Class<P> type) {
        try {
            return Keysets.readPrivate(existing(dir, file)).getPrimitive(Keysets.CONFIG, type);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("key file " + file + " holds no " + type.getSimpleName() + " keyset", e);
        }
    }

    public static EventSigner signerOf(String service, Path keysDir) {
        return new EventSigner(service, Keysets.readPrivate(existing(keysDir, KeyHolders.SIGNING_PRIVATE)));
    }

    /** Trusts the producers {@link KeyHolders#TRUSTS} names for this service, each by its own public key. */
    public static EventVerifier verifierOf(String service, Path keysDir) {
        Map<String, com.google.crypto.tink.KeysetHandle> trusted = new LinkedHashMap<>();
        for (String producer : KeyHolders.TRUSTS.getOrDefault(service, java.util.List.of())) {
            trusted.put(producer, Keysets.readPublic(existing(keysDir, KeyHolders.trusted(producer))));
        }
        return new EventVerifier(trusted);
    }

    private static Path existing(Path dir, String file) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("key file " + path + " is missing: sspr.keys-dir must hold the files "
                    + "KeyHolders gives this service (deploy/local/stack creates them)");
        }
        return path;
    }
}
