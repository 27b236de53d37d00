package io.sspr.portal.service;

import io.quarkus.runtime.Startup;
import io.sspr.events.Operation;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.SealingContext.Field;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.events.crypto.ServiceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Seals passwords to the public keysets of those who open them: the worker's for the write, the validator's for the
 * policy check. The portal holds no private sealing key. Loaded at start so that a missing keyset stops the portal at
 * once instead of failing the first user.
 */
@Startup
@ApplicationScoped
public class PasswordSealing {
    private final SecretSealer forWriteback;
    private final SecretSealer forValidator;

    public PasswordSealing(ServiceKeys keys) {
        this.forWriteback = keys.sealer(KeyHolders.SEALING_PUBLIC);
        this.forValidator = keys.sealer(KeyHolders.VALIDATION_SEALING_PUBLIC);
    }

    /** Bound to this request, account, operation and field, so it cannot be replayed anywhere else. */
    public String seal(Secret secret, UUID correlationId, String userKey, Operation operation, Field field) {
        SecretSealer sealer = field == Field.NEW_PASSWORD_FOR_VALIDATOR ? forValidator : forWriteback;
        return sealer.seal(secret, new SealingContext(correlationId, userKey, operation, field));
    }
}
