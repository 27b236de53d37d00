package io.sspr.events.crypto;

/** A sealed secret or a signature that does not verify; the event is dead-lettered and audited. */
public class SealedSecretException extends RuntimeException {
    public SealedSecretException(String message) {
        super(message);
    }
}
