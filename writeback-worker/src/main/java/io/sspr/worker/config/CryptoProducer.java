package io.sspr.worker.config;

import io.sspr.events.crypto.EventVerifier;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SecretOpener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The keysets the worker holds: the validator's public signing key and the on-premises sealing key.
 * @Singleton because the library classes are final and cannot sit behind a client proxy.
 */
@ApplicationScoped
public class CryptoProducer {

    @Produces
    @Singleton
    EventVerifier eventVerifier(WorkerConfig config) {
        return new EventVerifier(Keysets.readPublic(config.keysDir().resolve(Keysets.SIGNING_PUBLIC)));
    }

    @Produces
    @Singleton
    SecretOpener secretOpener(WorkerConfig config) {
        return new SecretOpener(Keysets.readPrivate(config.keysDir().resolve(Keysets.SEALING_PRIVATE)));
    }

    /** A clock bean so that expiry can be tested without waiting. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
