package io.sspr.audit.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sspr.audit.rest.AuditRealParts;
import io.sspr.audit.rest.AuditSeed;
import io.sspr.audit.rest.AuditTokens;
import io.sspr.events.AuditActivity;
import io.sspr.events.AuditEvent;
import io.sspr.events.testing.HeadlessChromium;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auditors' page in Debian's headless Chromium ({@code /usr/bin/chromium} through its own
 * {@code /usr/bin/chromedriver}; nothing is downloaded), with JavaScript turned off, as a person uses it: sign in,
 * filter, page on, take the CSV link, sign out. Screenshots go to {@code target/screenshots/AuditPageBrowserTest/}.
 */
@QuarkusTest
@WithTestResource(AuditRealParts.class)
class AuditPageBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target/screenshots/AuditPageBrowserTest");
    /** Selenium warns that it has no DevTools classes for this Chromium: WebDriver alone is used. */
    private static final List<Logger> CDP_WARNINGS = List.of(Logger.getLogger("org.openqa.selenium.devtools"),
            Logger.getLogger("org.openqa.selenium.chromium"));

    static {
        CDP_WARNINGS.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void anAuditorSignsInFiltersPagesAndFindsTheCsvWithoutJavaScript() throws Exception {
        String user = AuditSeed.user("audit-browser");
        Instant t = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.SECONDS);
        List<AuditEvent> seeded = List.of(
                AuditSeed.event(user, t, AuditActivity.BLOCKED_FROM_SSPR,
                        AuditEvent.AuditResult.failure, "=1+1 (a formula, shown as text)", "helpdesk@example.test",
                        UUID.randomUUID()),
                AuditSeed.event(user, t.plusSeconds(1)),
                AuditSeed.event(user, t.plusSeconds(2), AuditActivity.RESET_PASSWORD_SELF_SERVICE,
                        AuditEvent.AuditResult.success, "SUCCEEDED: the password was changed", user,
                        UUID.randomUUID()));
        AuditSeed.store(seeded);
        WebDriver browser = HeadlessChromium.start(1400, 1000, false);
        try {
            browser.get(root + "audit");
            awaitHeading(browser, "Sign in to the audit log");
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "01-sign-in");
            browser.findElement(By.id("token"))
                    .sendKeys(AuditTokens.auditorWithSubject("browser-auditor", "bea.auditor@example.test"));
            submit(browser, "main form button[type=submit]");
            awaitHeading(browser, "Audit records");
            assertEquals("bea.auditor@example.test", browser.findElement(By.id("signed-in-as")).getText());

            browser.findElement(By.id("targetUser")).sendKeys(user);
            browser.findElement(By.id("limit")).sendKeys("2");
            submit(browser, "form.filters button[type=submit]");
            awaitHeading(browser, "Audit records");
            assertEquals(2, browser.findElements(By.cssSelector("#records tbody tr")).size());
            assertTrue(browser.findElement(By.cssSelector("#records tbody tr")).getText()
                    .contains("SUCCEEDED: the password was changed"));
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "02-records");

            WebElement next = browser.findElement(By.id("next"));
            next.click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> isStale(next));
            List<WebElement> rows = browser.findElements(By.cssSelector("#records tbody tr"));
            assertEquals(1, rows.size());
            assertTrue(rows.get(0).getText().contains("=1+1 (a formula, shown as text)"));
            assertTrue(browser.findElements(By.id("next")).isEmpty(), "the last page has no next link");
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "03-next-page");

            // the CSV link, taken with this browser's own sign-in
            String csv = browser.findElement(By.id("csv")).getAttribute("href");
            Cookie session = browser.manage().getCookieNamed(AuditorSession.COOKIE);
            String export = given().cookie(AuditorSession.COOKIE, session.getValue()).urlEncodingEnabled(false)
                    .get(csv).then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
            assertEquals(4, export.split("\r\n").length, export);
            assertTrue(export.contains("'=1+1 (a formula, shown as text)"), export);

            submit(browser, "form.sign-out button[type=submit]");
            awaitHeading(browser, "Sign in to the audit log");
            assertNull(browser.manage().getCookieNamed(AuditorSession.COOKIE));
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "04-signed-out");
        } finally {
            browser.quit();
        }
    }


    private static void submit(WebDriver browser, String button) {
        WebElement element = browser.findElement(By.cssSelector(button));
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> isStale(element));
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    private static void awaitHeading(WebDriver browser, String heading) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> heading.equals(d.findElement(By.tagName("h1")).getText()));
    }

}
