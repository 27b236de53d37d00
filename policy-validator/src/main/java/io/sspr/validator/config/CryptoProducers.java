package io.sspr.validator.config;

import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.ServiceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Opens the copy of a new password the portal sealed for the check; the copies for the write stay sealed to the
 * worker. Signing and verifying come from {@link ServiceKeys}.
 */
@ApplicationScoped
public class CryptoProducers {
    @Produces
    @Singleton
    SecretOpener secretOpener(ServiceKeys keys) {
        return keys.opener(KeyHolders.VALIDATION_SEALING_PRIVATE);
    }
}
