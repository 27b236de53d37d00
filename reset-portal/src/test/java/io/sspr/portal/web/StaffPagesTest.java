package io.sspr.portal.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.sspr.events.Operation;
import io.sspr.events.PasswordRequested;
import io.sspr.events.Topics;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.StackTokens;
import io.sspr.events.testing.TestKafka;
import io.sspr.portal.rest.PortalRealParts;
import io.sspr.portal.rest.WritebackFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status page for anyone, and the staff's pages: sign-in with a token, the admin's settings, the help desk. */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class StaffPagesTest {

    @AfterEach
    void defaultsAgain() {
        WritebackFacts.reset();
        await().atMost(Duration.ofSeconds(10)).until(() -> PageClient.html(new PageClient().get("/status"))
                .getElementById("writeback").text().equals("Active"));
    }

    @Test
    void theStatusPageAndEveryPageSayWhenWritebackIsInactive() {
        PageClient browser = new PageClient();
        Document active = PageClient.html(browser.get("/status"));
        assertEquals("Enabled", active.getElementById("integration").text());
        assertEquals("Active", active.getElementById("writeback").text());
        assertTrue(active.getElementById("since").text().contains("UTC"));

        WritebackFacts.heartbeat(true, false, WritebackFacts.LONG_INTERVAL);
        await().atMost(Duration.ofSeconds(10)).until(() -> PageClient.html(browser.get("/status"))
                .getElementById("writeback").text().equals("Inactive"));
        for (String path : List.of("/", "/reset", "/unlock", "/status")) {
            Document page = PageClient.html(browser.get(path));
            assertNotNull(page.getElementById("writeback-inactive"), path + " says so before anyone types");
            assertTrue(page.getElementById("writeback-inactive").text().contains("Try again later"), path);
        }
        Response refused = browser.post("/", Map.of("username", "someone", "currentPassword", "Current-Pass-1",
                "newPassword", "Fresh-Pass-1234", "confirmPassword", "Fresh-Pass-1234"));
        assertEquals(503, refused.statusCode());
        assertTrue(PageClient.alert(refused).text().contains("WRITEBACK_INACTIVE"));
    }

    @Test
    void staffPagesNeedASignInAndTheRightRole() throws Exception {
        PageClient browser = new PageClient();
        for (String path : List.of("/admin", "/helpdesk")) {
            Response page = browser.get(path);
            assertEquals(303, page.statusCode(), path);
            assertEquals("/staff", page.getHeader("Location"));
        }
        browser.get("/staff");
        Response wrong = browser.post("/staff/sign-in", Map.of("token",
                StackTokens.signedByStranger(List.of("admin"))));
        assertEquals(401, wrong.statusCode());
        assertTrue(PageClient.alert(wrong).text().contains("TOKEN_INVALID"));
        assertEquals(403, browser.post("/staff/sign-in", Map.of("csrf", "forged", "token",
                StackTokens.withGroups(List.of("admin")))).statusCode(), "the sign-in form has a form token too");

        signIn(browser, "helpdesk");
        assertEquals(403, browser.get("/admin").statusCode(), "the help desk does not change settings");
        assertEquals(200, browser.get("/helpdesk").statusCode());
        // an expired sign-in does not refuse the public pages
        browser.setCookie(StaffSession.COOKIE, StackTokens.signed(StackTokens.ISSUER, List.of("admin"),
                Instant.now().minusSeconds(60)));
        assertEquals(200, browser.get("/").statusCode());
        assertEquals(303, browser.get("/admin").statusCode());
    }

    @Test
    void anAdminChangesTheSettingsOnTheirPage() {
        PageClient browser = new PageClient();
        signIn(browser, "admin");
        Document form = PageClient.html(browser.get("/admin"));
        assertTrue(form.getElementById("writeback-enabled").hasAttr("checked"));
        Response invalid = browser.post("/admin", Map.of("writebackEnabled", "true", "unlockAllowed", "true",
                "methodsRequired", "2", "customBannedTerms", "abc"));
        assertEquals(400, invalid.statusCode());
        assertTrue(PageClient.alert(invalid).text().contains("SETTINGS_INVALID"));

        Response saved = browser.post("/admin", Map.of("unlockAllowed", "true", "methodsRequired", "2",
                "customBannedTerms", "contoso\nfabrikam\n", "scopeGroupDn", ""));
        Document after = PageClient.html(browser.follow(saved));
        assertNotNull(after.getElementById("saved"));
        assertFalse(after.getElementById("writeback-enabled").hasAttr("checked"), "an unticked box is off");
        assertEquals("contoso\nfabrikam", after.getElementById("custom-banned-terms").wholeText());
        assertEquals("test-admin", after.getElementById("updated-by").text());
        assertEquals("Disabled", PageClient.html(browser.get("/status")).getElementById("integration").text());
    }

    @Test
    void theHelpDeskResetsAndSeesThePasswordOnce() throws Exception {
        PageClient browser = new PageClient();
        signIn(browser, "helpdesk");
        browser.get("/helpdesk");
        String name = "hdpage" + UUID.randomUUID().toString().substring(0, 6);
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            Response shown = browser.post("/helpdesk/reset", Map.of("username", name,
                    "mustChangeAtNextLogon", "true"));
            assertEquals(200, shown.statusCode(), shown.asString());
            String password = PageClient.html(shown).getElementById("temporary-password").text();
            assertTrue(password.length() >= 20);
            PasswordRequested requested = EventJson.read(TestKafka.awaitRecord(requests,
                    r -> r.value().contains(name)).value(), PasswordRequested.class);
            assertEquals(Operation.ADMIN_RESET, requested.operation());
            assertTrue(requested.mustChangeAtNextLogon());
            assertFalse(Files.readString(Path.of("target/reset-portal-test.log")).contains(password));

            browser.get("/helpdesk");
            Response unlock = browser.post("/helpdesk/unlock", Map.of("username", name));
            assertEquals(303, unlock.statusCode());
            assertTrue(unlock.getHeader("Location").startsWith("/requests/"));
        }
    }

    private static void signIn(PageClient browser, String role) {
        browser.get("/staff");
        Response signedIn = browser.post("/staff/sign-in", Map.of("token", StackTokens.withGroups(List.of(role))));
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        assertNotNull(browser.cookie(StaffSession.COOKIE));
        Document staff = PageClient.html(browser.follow(signedIn));
        assertEquals("tester@example.test", staff.getElementById("staff-name").text());
    }
}
