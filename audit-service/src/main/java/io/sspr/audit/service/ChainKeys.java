package io.sspr.audit.service;

import com.google.crypto.tink.KeysetHandle;
import io.sspr.audit.chain.CheckpointSigner;
import io.sspr.audit.chain.CheckpointVerifier;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.Keysets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The checkpoints' keys: the audit service's own signing keyset from its key folder (the one its dead-letter audits
 * are signed with, KeyHolders.SIGNING_PRIVATE), and its public part to check them.
 */
@ApplicationScoped
public class ChainKeys {
    private final Path keysDir;

    public ChainKeys(@ConfigProperty(name = "sspr.keys-dir") Path keysDir) {
        this.keysDir = keysDir;
    }

    @Produces
    @Singleton
    CheckpointSigner signer() {
        return new CheckpointSigner(privateKeyset());
    }

    @Produces
    @Singleton
    CheckpointVerifier verifier() {
        return new CheckpointVerifier(Keysets.publicPart(privateKeyset()));
    }

    private KeysetHandle privateKeyset() {
        return Keysets.readPrivate(keysDir.resolve(KeyHolders.SIGNING_PRIVATE));
    }
}
