package io.sspr.events;

import static io.sspr.events.Services.ADMIN;
import static io.sspr.events.Services.AUDIT_SERVICE;
import static io.sspr.events.Services.POLICY_VALIDATOR;
import static io.sspr.events.Services.RESET_PORTAL;
import static io.sspr.events.Services.WRITEBACK_WORKER;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may produce which event: the one table consumers check a verified signer against, so that a service's key
 * signs only what that service is allowed to say (the portal cannot produce a validated request, the validator
 * cannot report a password written).
 */
public final class Producers {
    /** ce_type of each event class. */
    private static final Map<Class<? extends SsprEvent>, String> TYPES = Map.of(
            PasswordRequested.class, PasswordRequested.TYPE,
            PasswordValidated.class, PasswordValidated.TYPE,
            PasswordResult.class, PasswordResult.TYPE,
            AuditEvent.class, AuditEvent.TYPE,
            PasswordPolicyPublished.class, PasswordPolicyPublished.TYPE,
            SelfServiceSettings.class, SelfServiceSettings.TYPE,
            DirectoryUserPublished.class, DirectoryUserPublished.TYPE,
            WritebackStatus.class, WritebackStatus.TYPE);

    private static final Map<Class<? extends SsprEvent>, Set<String>> PRODUCERS = Map.of(
            PasswordRequested.class, Set.of(RESET_PORTAL),
            PasswordValidated.class, Set.of(POLICY_VALIDATOR),
            PasswordResult.class, Set.of(POLICY_VALIDATOR, WRITEBACK_WORKER),
            AuditEvent.class, Set.of(RESET_PORTAL, POLICY_VALIDATOR, WRITEBACK_WORKER, AUDIT_SERVICE, ADMIN),
            PasswordPolicyPublished.class, Set.of(POLICY_VALIDATOR),
            SelfServiceSettings.class, Set.of(RESET_PORTAL, ADMIN),
            DirectoryUserPublished.class, Set.of(WRITEBACK_WORKER),
            WritebackStatus.class, Set.of(WRITEBACK_WORKER));

    /** The results each producer may report: the validator refuses, only the worker writes. */
    private static final Map<String, Set<RequestStatus>> RESULTS = Map.of(
            POLICY_VALIDATOR, EnumSet.of(RequestStatus.REJECTED, RequestStatus.FAILED, RequestStatus.EXPIRED),
            WRITEBACK_WORKER, EnumSet.of(RequestStatus.SUCCEEDED, RequestStatus.FAILED, RequestStatus.EXPIRED));

    private Producers() {
    }

    public static String typeOf(Class<? extends SsprEvent> type) {
        String ceType = TYPES.get(type);
        if (ceType == null) {
            throw new IllegalArgumentException("not an event type: " + type.getName());
        }
        return ceType;
    }

    public static Set<String> producersOf(Class<? extends SsprEvent> type) {
        return PRODUCERS.getOrDefault(type, Set.of());
    }

    /** Why this producer may not say this, or empty when it may. */
    public static Optional<String> refusal(String producer, SsprEvent event) {
        if (!producersOf(event.getClass()).contains(producer)) {
            return Optional.of(producer + " may not produce " + typeOf(event.getClass()));
        }
        if (event instanceof PasswordResult result) {
            if (!RESULTS.getOrDefault(producer, Set.of()).contains(result.status())) {
                return Optional.of(producer + " may not report " + result.status());
            }
            if (!producer.equals(result.reportedBy())) {
                return Optional.of("result reported by " + producer + " names another reporter");
            }
        }
        if (event instanceof AuditEvent audit && !producer.equals(audit.loggedByService())) {
            return Optional.of("audit event signed by " + producer + " names another logging service");
        }
        return Optional.empty();
    }
}
