package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.TopicAccess.ServiceAccess;
import io.sspr.events.TopicAccess;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.SignedRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Each service's own Kafka principal ({@code sspr-<service>}), as {@code deploy/local/stack} gives it: the password is
 * {@code $SSPR_SECRETS_DIR/<service>/kafka-password}. The services the end-to-end tests start run as these, never as
 * the admin.
 */
final class KafkaPrincipals {

    private KafkaPrincipals() {
    }

    static String password(String service) {
        Path file = SignedRecords.secretsDir().resolve(service).resolve("kafka-password");
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return fail("cannot read " + file + " (" + e + "): " + RealParts.HINT);
        }
    }

    static String username(String service) {
        return TopicAccess.of(service).map(ServiceAccess::principal)
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal for " + service));
    }
}
