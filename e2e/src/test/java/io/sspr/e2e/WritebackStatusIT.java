package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sspr.events.SelfServiceSettings;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.events.Services;
import io.sspr.events.Topics;
import io.sspr.events.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Loud writeback status on real parts: the stack's writeback worker ({@code deploy/local/stack start|stop
 * writeback-worker}) and DC ({@code stack stop|start samba}) go away and come back, and the portal refuses new
 * requests within 10 s of either going, accepts them within 10 s of its return, and ends a request it had accepted
 * FAILED WRITEBACK_INACTIVE instead of EXPIRED.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WritebackStatusIT {
    private static final Duration WITHIN = Duration.ofSeconds(10);
    /** Short, so that a request accepted before the worker went expires during the test. */
    private static final Duration REQUEST_TTL = Duration.ofSeconds(15);

    private RunningStack parts;
    private ServiceProcesses portal;
    private final Http http = new Http();

    @BeforeAll
    void start() throws Exception {
        parts = RunningStack.fromEnvironment();
        // the admin's switch on, newer than whatever an earlier run left on the compacted topic
        TestKafka.produce(Topics.SETTINGS, SelfServiceSettings.of(Values.DEFAULTS, "e2e", Instant.now()),
                Services.ADMIN);
        portal = ServiceProcesses.startOnly(parts, "status", "reset-portal",
                Map.of("sspr.portal.request-ttl", REQUEST_TTL.toString(), "sspr.portal.expiry-grace", "PT1S"));
        StackScript.run(parts, "start", "writeback-worker");
        awaitStatus("Active", Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            StackScript.run(parts, "start", "samba");
            StackScript.run(parts, "stop", "writeback-worker");
        } finally {
            if (portal != null) {
                portal.close();
            }
        }
    }

    @Test
    @Order(1)
    void aStoppedWorkerIsRefusedWithin10sAndItsOpenRequestsFailInactiveThenAStartedOneIsAcceptedWithin10s()
            throws Exception {
        assertEquals(202, change().status());
        // accepted, never validated (no validator runs here): open when the worker goes
        String open = change().body().get("requestId").asText();

        StackScript.run(parts, "stop", "writeback-worker");
        long stopped = System.nanoTime();
        awaitRefused(WITHIN);
        System.out.printf("writeback status: worker stopped -> refused after %d ms%n", millisSince(stopped));
        Http.Response status = http.get(portal.url("reset-portal") + "/api/v1/status", Map.of());
        assertEquals("Inactive", status.body().get("writebackStatus").asText());
        assertEquals(200, http.get(portal.url("reset-portal") + "/q/health/ready", Map.of()).status(),
                "the portal stays ready while writeback is inactive");

        await().atMost(REQUEST_TTL.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Http.Response request = http.get(portal.url("reset-portal") + "/api/v1/requests/" + open, Map.of());
            assertEquals("FAILED", request.body().get("status").asText(), request.rawBody());
            assertEquals("WRITEBACK_INACTIVE", request.body().get("code").asText(), request.rawBody());
        });

        StackScript.run(parts, "start", "writeback-worker");
        long started = System.nanoTime();
        awaitAccepted(WITHIN);
        System.out.printf("writeback status: worker ready -> accepted after %d ms%n", millisSince(started));
    }

    @Test
    @Order(2)
    void aStoppedDcIsRefusedWithin10sAndAccepted10sAfterItIsBack() throws Exception {
        awaitAccepted(Duration.ofSeconds(60));
        StackScript.run(parts, "stop", "samba");
        long stopped = System.nanoTime();
        awaitRefused(WITHIN);
        System.out.printf("writeback status: DC stopped -> refused after %d ms%n", millisSince(stopped));
        Http.Response status = http.get(portal.url("reset-portal") + "/api/v1/status", Map.of());
        assertEquals("Enabled", status.body().get("onPremisesIntegration").asText());
        assertEquals("The writeback worker cannot reach a domain controller.", status.body().get("reason").asText());

        StackScript.run(parts, "start", "samba");
        long started = System.nanoTime();
        awaitAccepted(WITHIN);
        System.out.printf("writeback status: DC ready -> accepted after %d ms%n", millisSince(started));
    }

    private void awaitRefused(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Http.Response refused = change();
            assertEquals(503, refused.status(), refused.rawBody());
            assertEquals("WRITEBACK_INACTIVE", refused.body().get("code").asText());
        });
    }

    private void awaitAccepted(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertEquals(202, change().status()));
    }

    private void awaitStatus(String writeback, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals(writeback,
                http.get(portal.url("reset-portal") + "/api/v1/status", Map.of()).body().get("writebackStatus")
                        .asText()));
    }

    /** A change for a name nobody has: the portal takes or refuses it without knowing; nothing reaches a DC. */
    private Http.Response change() {
        String name = "st" + UUID.randomUUID().toString().substring(0, 8);
        return http.postJson(portal.url("reset-portal") + "/api/v1/password-changes", Map.of("username", name,
                "currentPassword", "Old-Status-" + name, "newPassword", "New-Status-" + name + "-9z"));
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
