package io.sspr.portal.rest;

import java.util.List;
import java.util.UUID;

/** Bodies and answers of the self-service flows; none prints a password or a code. */
public final class FlowRequests {
    private FlowRequests() {
    }

    /** {@code POST /api/v1/password-resets} and {@code /api/v1/account-unlocks}. */
    public record Start(String username) {
    }

    public record ResetStarted(UUID resetId) {
    }

    public record UnlockStarted(UUID unlockId) {
    }

    /** {@code .../verify}: method "email" or "authenticator". */
    public record Verify(String method, String code) {
        @Override
        public String toString() {
            return "Verify[" + method + "]";
        }
    }

    public record Verified(List<String> remaining) {
    }

    /** {@code POST /api/v1/password-resets/{id}/complete}. */
    public record CompleteReset(String newPassword) {
        @Override
        public String toString() {
            return "CompleteReset[hidden]";
        }
    }

    /** {@code POST /api/v1/authenticator-registrations}. */
    public record StartRegistration(String username, String currentPassword) {
        @Override
        public String toString() {
            return "StartRegistration[username length " + (username == null ? 0 : username.length()) + "]";
        }
    }

    public record RegistrationStarted(UUID registrationId) {
    }

    /** A mailed or an app code. */
    public record Code(String code) {
        @Override
        public String toString() {
            return "Code[hidden]";
        }
    }

    public record Confirmed(String state) {
    }
}
