package io.sspr.events;

import java.util.List;

/**
 * The names of what produces events: each is a Kafka principal ({@code sspr-<name>}), a signing key and the
 * {@code ce_source} {@code urn:sspr:<name>}. {@link #ADMIN} is the operator's tooling (settings, tests, replays),
 * never a running service.
 */
public final class Services {
    public static final String RESET_PORTAL = "reset-portal";
    public static final String POLICY_VALIDATOR = "policy-validator";
    public static final String WRITEBACK_WORKER = "writeback-worker";
    public static final String AUDIT_SERVICE = "audit-service";
    public static final String ADMIN = "admin";

    /** The four services that run. */
    public static final List<String> RUNNING = List.of(RESET_PORTAL, POLICY_VALIDATOR, WRITEBACK_WORKER, AUDIT_SERVICE);

    /** Everyone who holds a signing key. */
    public static final List<String> SIGNERS = List.of(RESET_PORTAL, POLICY_VALIDATOR, WRITEBACK_WORKER, AUDIT_SERVICE,
            ADMIN);

    private Services() {
    }

    /** ce_source of a producer. */
    public static String source(String service) {
        return SsprEvent.SOURCE_PREFIX + service;
    }
}
