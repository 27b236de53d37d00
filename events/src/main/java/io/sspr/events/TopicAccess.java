package io.sspr.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says which Kafka principal may do what: per service, the topics it produces and consumes and its
 * consumer-group prefix. The broker's ACLs are made from it ({@code deploy/local/CreateTopics.java}, the deployments'
 * ACL manifests), the tests check the broker against it, and {@code docs/CONTRACTS.md} states it.
 *
 * <p>Each service may write the topics it produces, the dead-letter twin ({@code <topic>.dlq}) of every topic it
 * consumes and {@link Topics#AUDIT_EVENTS} (the failure rule audits what it dead-letters); it may read exactly the
 * topics it consumes, in consumer groups whose names start with {@code sspr-<service>} (the validator's settings group
 * {@code sspr-policy-validator-settings-<uuid>} included). Nothing else: no topic creation, no configs, no cluster
 * rights. Operators, the stack's tools and the tests use the superuser {@link #ADMIN_PRINCIPAL}; the broker talks to
 * itself and to its controller as {@link #BROKER_PRINCIPAL}. Anonymous clients get nothing (the broker has no
 * unauthenticated listener and no ACL names {@code User:ANONYMOUS} or {@code User:*}).
 */
public final class TopicAccess {
    /** The only SASL mechanism the broker enables. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    /** Superuser for operators, the stack's tools (topics, ACLs, dead letters) and the tests. */
    public static final String ADMIN_PRINCIPAL = "sspr-admin";
    /** Superuser the broker uses for its own inter-broker and controller connections; no client has its password. */
    public static final String BROKER_PRINCIPAL = "sspr-broker";

    /** One service's rights. */
    public record ServiceAccess(String service, List<String> produces, List<String> consumes) {
        public ServiceAccess {
            produces = List.copyOf(produces);
            consumes = List.copyOf(consumes);
        }

        /** The SCRAM user name, {@code sspr-<service>}. */
        public String principal() {
            return principal(service);
        }

        /** Consumer groups whose ids start with this (a PREFIXED group ACL). */
        public String groupPrefix() {
            return "sspr-" + service;
        }

        /** Every topic it may write: what it produces, the audit topic, the dead letters of what it consumes. */
        public Set<String> writes() {
            Set<String> writes = new LinkedHashSet<>(produces);
            writes.add(Topics.AUDIT_EVENTS);
            consumes.forEach(topic -> writes.add(Topics.deadLetter(topic)));
            return writes;
        }

        /** Every topic it may read. */
        public Set<String> reads() {
            return new LinkedHashSet<>(consumes);
        }

        public static String principal(String service) {
            return "sspr-" + service;
        }
    }

    public static final ServiceAccess RESET_PORTAL = new ServiceAccess(Services.RESET_PORTAL,
            List.of(Topics.PASSWORD_REQUESTED, Topics.SETTINGS),
            List.of(Topics.PASSWORD_VALIDATED, Topics.PASSWORD_RESULTS, Topics.DIRECTORY_USERS,
                    Topics.DIRECTORY_POLICIES, Topics.WRITEBACK_STATUS, Topics.SETTINGS));
    public static final ServiceAccess POLICY_VALIDATOR = new ServiceAccess(Services.POLICY_VALIDATOR,
            List.of(Topics.PASSWORD_VALIDATED, Topics.PASSWORD_RESULTS, Topics.DIRECTORY_POLICIES),
            List.of(Topics.PASSWORD_REQUESTED, Topics.SETTINGS));
    public static final ServiceAccess WRITEBACK_WORKER = new ServiceAccess(Services.WRITEBACK_WORKER,
            List.of(Topics.PASSWORD_RESULTS, Topics.WRITEBACK_STATUS, Topics.DIRECTORY_USERS),
            List.of(Topics.PASSWORD_VALIDATED, Topics.SETTINGS));
    public static final ServiceAccess AUDIT_SERVICE = new ServiceAccess(Services.AUDIT_SERVICE,
            List.of(),
            List.of(Topics.PASSWORD_REQUESTED, Topics.PASSWORD_RESULTS, Topics.AUDIT_EVENTS));

    /** Every service, in the order of the pipeline. */
    public static final List<ServiceAccess> SERVICES = List.of(RESET_PORTAL, POLICY_VALIDATOR, WRITEBACK_WORKER,
            AUDIT_SERVICE);

    private TopicAccess() {
    }

    public static Optional<ServiceAccess> of(String service) {
        return SERVICES.stream().filter(s -> s.service().equals(service)).findFirst();
    }

    /** Prints "service principal writes=... reads=... groups=prefix*" per line, the table docs/CONTRACTS.md states. */
    public static void main(String[] args) {
        for (ServiceAccess s : SERVICES) {
            System.out.println(s.service() + " " + s.principal() + " writes=" + String.join(",", s.writes())
                    + " reads=" + String.join(",", s.reads()) + " groups=" + s.groupPrefix() + "*");
        }
    }
}
