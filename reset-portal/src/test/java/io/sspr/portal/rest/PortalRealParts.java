package io.sspr.portal.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sspr.events.Topics;
import io.sspr.events.testing.RealPartsSetup;
import io.sspr.events.testing.RealPartsSetup.Needs;
import java.util.List;
import java.util.Map;

/**
 * The real parts the portal's tests need: Kafka as the admin, PostgreSQL (the service as its own role, Flyway as the
 * schema's owner) and the stack's keys. The consumed channels read in the tests' own group, started at the
 * topics' end: not the running stack's, and not what earlier runs or the benchmark left. The policies come from a
 * test topic of their own, read whole in the portal's own way (a group per instance).
 */
public class PortalRealParts implements QuarkusTestResourceLifecycleManager {
    /** The %test profile's topic for sspr.directory.policies, which the tests publish to as the validator. */
    public static final String POLICIES = "sspr.test.reset-portal.policies";
    /** The %test profile's topics for the workers' heartbeats and the admin's settings. */
    public static final String STATUS = "sspr.test.reset-portal.status";
    public static final String SETTINGS = "sspr.test.reset-portal.settings";

    @Override
    public Map<String, String> start() {
        Needs channels = Needs.channelsInGroup(List.of("POSTGRES_JDBC_URL", "POSTGRES_PORTAL_USER",
                "POSTGRES_PORTAL_PASSWORD", "POSTGRES_PORTAL_OWNER_USER", "POSTGRES_PORTAL_OWNER_PASSWORD", "MAIL_SMTP_HOST",
                "MAIL_SMTP_PORT"),
                "sspr-reset-portal-test",
                List.of(Topics.PASSWORD_VALIDATED, Topics.PASSWORD_RESULTS, Topics.DIRECTORY_USERS));
        Map<String, String> settings = RealPartsSetup.prepare(new Needs(channels.variables(),
                List.of(POLICIES, STATUS, SETTINGS), channels.group(), channels.groupTopics(), channels.settings()));
        // Whatever an earlier run left on the compacted topics, the tests start with writeback Active: a worker
        // reaching a DC and the admin's defaults, both newer than anything before.
        WritebackFacts.reset();
        return settings;
    }

    @Override
    public void stop() {
    }
}
