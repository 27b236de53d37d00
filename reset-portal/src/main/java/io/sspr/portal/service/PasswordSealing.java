package io.sspr.portal.service;

import io.quarkus.runtime.Startup;
import io.sspr.events.Operation;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.SealingContext.Field;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Seals passwords to the on-premises public keyset. Loaded at start so that a missing keyset stops the
 * portal at once instead of failing the first user.
 */
@Startup
@ApplicationScoped
public class PasswordSealing {
    private final SecretSealer sealer;

    public PasswordSealing(PortalConfig config) {
        this.sealer = new SecretSealer(Keysets.readPublic(Path.of(config.keysDir(), Keysets.SEALING_PUBLIC)));
    }

    /** Bound to this request, account, operation and field, so it cannot be replayed anywhere else. */
    public String seal(Secret secret, UUID correlationId, String userKey, Operation operation, Field field) {
        return sealer.seal(secret, new SealingContext(correlationId, userKey, operation, field));
    }
}
