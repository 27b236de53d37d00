package io.sspr.validator.config;

import io.sspr.events.crypto.EventSigner;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SecretOpener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The validator's two private keysets: one opens new passwords, one signs what passes. */
@ApplicationScoped
public class CryptoProducers {
    @Produces
    @Singleton
    SecretOpener secretOpener(ValidatorConfig config) {
        return new SecretOpener(Keysets.readPrivate(Path.of(config.keysDir(), Keysets.SEALING_PRIVATE)));
    }

    @Produces
    @Singleton
    EventSigner eventSigner(ValidatorConfig config) {
        return new EventSigner(Keysets.readPrivate(Path.of(config.keysDir(), Keysets.SIGNING_PRIVATE)));
    }
}
