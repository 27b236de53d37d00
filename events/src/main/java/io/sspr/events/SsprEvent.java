package io.sspr.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** What every event carries; the payload of a CloudEvent in binary mode on Kafka. */
public sealed interface SsprEvent permits PasswordRequested, PasswordValidated, PasswordResult, AuditEvent,
        PasswordPolicyPublished, SelfServiceSettings, DirectoryUserPublished, WritebackStatus {
    int SCHEMA_VERSION = 1;
    /** ce_source of each service. */
    String SOURCE_PREFIX = "urn:sspr:";

    UUID eventId();

    /** One per user request, shared by every stage; the portal's request id. */
    UUID correlationId();

    Instant occurredAt();

    int schemaVersion();

    /** Kafka record key: objectGUID where known, else the lower-cased account name. */
    String userKey();

    /** ce_type, such as sspr.password.requested.v1. */
    @JsonIgnore
    String cloudEventType();
}
