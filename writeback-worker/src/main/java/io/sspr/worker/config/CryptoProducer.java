package io.sspr.worker.config;

import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.ServiceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The worker opens the passwords it writes: it alone holds the private keyset they were sealed to. Signing and
 * verifying come from {@link ServiceKeys}. @Singleton because the library classes are final and cannot sit behind a
 * client proxy.
 */
@ApplicationScoped
public class CryptoProducer {

    @Produces
    @Singleton
    SecretOpener secretOpener(ServiceKeys keys) {
        return keys.opener(KeyHolders.SEALING_PRIVATE);
    }

    /** A clock bean so that expiry can be tested without waiting. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
