package io.sspr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.sspr.e2e.TestDirectory.TestUser;
import io.sspr.events.testing.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.AssertionFailedError;

/**
 * The portal's pages in a real browser (Debian's headless Chromium) against the whole system: a change with the
 * current password, a reset by mail code, the unlock of a locked-out account, and an authenticator app set up through
 * its pages (the current password checked by Samba through the pipeline) that then answers a two-method reset on a
 * portal that requires two. Codes come from the stack's mail server, the app's codes are computed from the key the
 * page shows. Every page is screenshotted under {@code target/screenshots/<test>/} and checked with axe-core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalPagesIT {
    private RunningStack parts;
    private ServiceProcesses services;
    private ServiceProcesses twoMethodPortal;
    private TestDirectory directory;
    private final Http http = new Http();
    private final List<TestUser> users = new ArrayList<>();

    @BeforeAll
    void startServices() throws Exception {
        parts = RunningStack.fromEnvironment();
        directory = new TestDirectory(parts);
        services = ServiceProcesses.start(parts, "portal-pages");
        twoMethodPortal = ServiceProcesses.startOnly(parts, "portal-pages-two-methods", "reset-portal",
                Map.of("sspr.portal.self-service.methods-required", "2"));
    }

    @AfterAll
    void stopServices() throws Exception {
        for (ServiceProcesses running : List.of(twoMethodPortal, services)) {
            if (running != null) {
                running.close();
            }
        }
        for (TestUser user : users) {
            directory.deleteUser(user);
        }
    }

    @Test
    @Order(0)
    void theAccessibilityCheckFailsOnAPageWithASeriousViolation() {
        try (BrowserSession browser = BrowserSession.start(parts, "accessibility-check")) {
            browser.open("data:text/html,<html><body><input type=text><img src=x></body></html>");
            AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                    () -> browser.checkAccessibility("unlabelled"));
            assertTrue(failed.getMessage().contains("critical image-alt")
                    && failed.getMessage().contains("critical label"), failed.getMessage());
        }
    }

    @Test
    @Order(1)
    void aPasswordIsChangedWithTheCurrentOneAndThePolicyIsShownWhileTyping() throws Exception {
        String old = TestDirectory.randomPassword();
        String next = TestDirectory.randomPassword();
        TestUser user = user(old);
        try (BrowserSession browser = BrowserSession.start(parts, "change")) {
            browser.open(portal() + "/");
            browser.capture("change");
            browser.type("username", user.samAccountName());
            browser.type("current-password", old);
            browser.type("new-password", "short");
            browser.until(d -> browser.text("#password-check").contains("Meets") ? Boolean.TRUE : null);
            assertTrue(browser.text("#password-check").contains("Not yet: At least"), "the policy's length, live");
            browser.type("new-password", next);
            browser.type("confirm-password", next);
            browser.until(d -> browser.text("#password-check").startsWith("Meets 4 of 4") ? Boolean.TRUE : null);
            browser.capture("change-hints");
            browser.submit();
            assertTrue(browser.url().contains("/requests/"), browser.url());
            browser.awaitHeading("Password changed");
            browser.capture("status");
        }
        assertTrue(directory.canBind(user, next), "the new password binds");
        assertFalse(directory.canBind(user, old));
    }

    @Test
    @Order(2)
    void aForgottenPasswordIsResetByMail() throws Exception {
        String old = TestDirectory.randomPassword();
        String next = TestDirectory.randomPassword();
        TestUser user = user(old);
        try (BrowserSession browser = BrowserSession.start(parts, "reset-by-mail")) {
            browser.open(portal() + "/");
            browser.clickLink("Forgot your password?");
            browser.awaitHeading("Reset your password");
            browser.capture("reset");
            String code = startUntilMailed(browser, portal(), "/reset", user);
            browser.capture("codes");
            browser.type("code", code.equals("000000") ? "000001" : "000000");
            browser.submit();
            assertTrue(browser.text("[role=alert]").contains("CODE_WRONG"), "a wrong code is announced");
            browser.capture("codes-wrong");
            browser.type("code", code);
            browser.submit();
            chooseNewPassword(browser, next);
        }
        assertTrue(directory.canBind(user, next));
        assertFalse(directory.canBind(user, old));
    }

    @Test
    @Order(3)
    void aLockedOutAccountIsUnlocked() throws Exception {
        String password = TestDirectory.randomPassword();
        TestUser user = user(password);
        directory.lockAfterFailures(user, 2);
        directory.lockOut(user);
        try (BrowserSession browser = BrowserSession.start(parts, "unlock")) {
            browser.open(portal() + "/reset");
            browser.clickLink("Account locked?");
            browser.awaitHeading("Unlock your account");
            browser.capture("unlock");
            String code = startUntilMailed(browser, portal(), "/unlock", user);
            browser.capture("codes");
            browser.type("code", code);
            browser.submit();
            browser.awaitHeading("Unlock your account now");
            browser.capture("confirm");
            browser.submit();
            browser.awaitHeading("Account unlocked");
            browser.capture("status");
        }
        assertFalse(directory.isLockedOut(user), "the lockout is cleared");
        assertTrue(directory.canBind(user, password), "the same password signs in again");
    }

    @Test
    @Order(4)
    void anAuthenticatorSetUpOnItsPagesAnswersATwoMethodReset() throws Exception {
        String password = TestDirectory.randomPassword();
        TestUser user = user(password);
        awaitKnown(user);
        byte[] secret;
        try (BrowserSession browser = BrowserSession.start(parts, "registration")) {
            browser.open(portal() + "/");
            browser.clickLink("Set up an authenticator app");
            browser.awaitHeading("Set up an authenticator app");
            browser.capture("register");
            long mark = TestMail.mark(mail(user));
            browser.type("username", user.samAccountName());
            browser.type("current-password", password);
            browser.submit();
            assertTrue(browser.url().contains("/register/"), browser.url());
            browser.capture("waiting");
            // the page reloads itself once the directory has answered
            browser.until(d -> browser.has("input#code") ? Boolean.TRUE : null);
            browser.capture("mail-code");
            browser.type("code", TestMail.awaitCode(mail(user), TestMail.after(mark)));
            browser.submit();
            browser.until(d -> browser.has("#manual-key") ? Boolean.TRUE : null);
            browser.capture("key");
            assertTrue(browser.attribute(".qr img", "src").startsWith("data:image/png;base64,"), "the QR code");
            secret = new Base32().decode(browser.text("#manual-key").replace(" ", ""));
            browser.type("code", totp(secret, Instant.now()));
            browser.submit();
            browser.until(d -> browser.text("main").contains("Your authenticator app is set up") ? Boolean.TRUE : null);
            browser.capture("registered");
        }

        String next = TestDirectory.randomPassword();
        try (BrowserSession browser = BrowserSession.start(parts, "two-method-reset")) {
            String twoMethods = twoMethodPortal.url("reset-portal");
            String code = startUntilMailed(browser, twoMethods, "/reset", user);
            assertTrue(browser.has("#email-code") && browser.has("#app-code"), "both codes are asked for");
            browser.capture("codes");
            browser.type("email-code", code);
            // the next step's code: the one the registration used may not be used again
            browser.type("app-code", totp(secret, Instant.now().plusSeconds(30)));
            browser.submit();
            chooseNewPassword(browser, next);
        }
        assertTrue(directory.canBind(user, next));
    }

    /** The last page of a reset: the new password, twice, then its request's status page. */
    private static void chooseNewPassword(BrowserSession browser, String next) {
        browser.awaitHeading("Choose a new password");
        browser.capture("new-password");
        browser.type("new-password", next);
        browser.type("confirm-password", next);
        browser.submit();
        browser.awaitHeading("Password changed");
        browser.capture("status");
    }

    /**
     * Sends the flow's start form until its code arrives: the portal learns of a new directory user from the worker's
     * sync within seconds, and until then the user is unknown to it (answered alike, mailed nothing).
     */
    private String startUntilMailed(BrowserSession browser, String portal, String flow, TestUser user) {
        List<String> codes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long mark = TestMail.mark(mail(user));
            browser.open(portal + flow);
            browser.type("username", user.samAccountName());
            browser.submit();
            try {
                codes.add(TestMail.awaitCode(mail(user), TestMail.after(mark), Duration.ofSeconds(4)));
                return true;
            } catch (ConditionTimeoutException notYetKnown) {
                return false;
            }
        });
        return codes.get(codes.size() - 1);
    }

    /** Waits until the portal knows the user (a reset start is then mailed), as the registration needs its mail. */
    private void awaitKnown(TestUser user) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long mark = TestMail.mark(mail(user));
            Http.Response started = http.postJson(portal() + "/api/v1/password-resets",
                    Map.of("username", user.samAccountName()));
            assertEquals(202, started.status(), started.rawBody());
            try {
                TestMail.awaitCode(mail(user), TestMail.after(mark), Duration.ofSeconds(4));
                return true;
            } catch (ConditionTimeoutException notYetKnown) {
                return false;
            }
        });
    }

    private String portal() {
        return services.url("reset-portal");
    }

    private TestUser user(String password) throws Exception {
        TestUser user = directory.createUser(password);
        users.add(user);
        return user;
    }

    private static String mail(TestUser user) {
        return user.samAccountName() + "@example.test";
    }

    /** What an authenticator app shows at that time (RFC 6238). */
    private static String totp(byte[] secret, Instant at) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
        return generator.generateOneTimePasswordString(new SecretKeySpec(secret, generator.getAlgorithm()), at);
    }
}
