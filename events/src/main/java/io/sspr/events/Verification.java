package io.sspr.events;

import java.time.Instant;
import java.util.List;

/**
 * The portal's attestation, signed with its request, that a person proved who they are before a self-service reset
 * or unlock: which methods they passed, and when the last was completed.
 */
public record Verification(List<Method> methods, Instant completedAt) {

    /** The methods Entra's SSPR offers, by their Graph names. */
    public enum Method {
        email, mobilePhone, officePhone, mobileApp, securityQuestions
    }

    public Verification {
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    public boolean isComplete() {
        return !methods.isEmpty() && completedAt != null;
    }
}
