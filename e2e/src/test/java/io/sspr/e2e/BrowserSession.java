package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.sspr.events.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}, package {@code chromium}) driven through its own
 * {@code /usr/bin/chromedriver} (package {@code chromium-driver}): nothing is downloaded, not even by Selenium
 * Manager, which is never asked since both paths are given. Each page a test looks at is {@link #capture captured}:
 * a screenshot under {@code e2e/target/screenshots/<test>/<nn>-<page>.png}, and an axe-core check that fails on any
 * serious or critical violation, listing them.
 */
final class BrowserSession implements AutoCloseable {
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Selenium warns at every start that it has no DevTools (CDP) classes for this Chromium's version: the tests use
     * WebDriver only, never CDP. Held in a field, as JUL keeps its loggers weakly.
     */
    private static final List<Logger> CDP_WARNINGS = List.of(Logger.getLogger("org.openqa.selenium.devtools"),
            Logger.getLogger("org.openqa.selenium.chromium"));

    static {
        CDP_WARNINGS.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private final WebDriver driver;
    private final Path screenshots;
    private int shots;

    private BrowserSession(WebDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** A new browser (no cookies) whose screenshots go to {@code screenshots/<test>}. */
    static BrowserSession start(RunningStack parts, String test) {
        return new BrowserSession(HeadlessChromium.start(1280, 1400, true),
                parts.repoRoot().resolve("e2e/target/screenshots").resolve(test));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Types into the field with this id (its label's target). */
    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Follows the link with this text, as a person would. */
    void clickLink(String text) {
        driver.findElement(By.linkText(text)).click();
    }

    String attribute(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getAttribute(name);
    }

    /** Sends the page's form (its one submit button) and waits for the page it leads to. */
    void submit() {
        WebElement button = driver.findElement(By.cssSelector("main form button[type=submit]"));
        button.click();
        until(d -> isStale(button));
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class).until(condition::apply);
    }

    /** Waits until the page's h1 reads {@code heading} (a page the script reloads gets there by itself). */
    void awaitHeading(String heading) {
        until(d -> heading.equals(heading()) ? Boolean.TRUE : null);
    }

    /** A screenshot of the page and its accessibility check. */
    void capture(String page) {
        screenshot(page);
        checkAccessibility(page);
    }

    Path screenshot(String page) {
        return HeadlessChromium.screenshot(driver, screenshots, String.format("%02d-%s", ++shots, page));
    }

    /**
     * axe-core's rules (WCAG 2.x A and AA, best practices) on the page as shown; serious and critical violations fail
     * the test, listed with their elements, and the lesser ones are printed. A page that the script reloads while it
     * is being checked (a pending status moving on) is checked again as it then is.
     */
    void checkAccessibility(String page) {
        Results results;
        try {
            results = new AxeBuilder().analyze(driver);
        } catch (WebDriverException reloaded) {
            until(d -> "complete".equals(((JavascriptExecutor) d)
                    .executeScript("return document.readyState")) ? Boolean.TRUE : null);
            results = new AxeBuilder().analyze(driver);
        }
        if (results.isErrored()) {
            fail("axe-core could not check " + page + ": " + results.getErrorMessage());
        }
        List<String> failing = new ArrayList<>();
        List<String> lesser = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            List<String> targets = new ArrayList<>();
            for (CheckedNode node : rule.getNodes()) {
                targets.add(String.valueOf(node.getTarget()));
            }
            String violation = rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " " + targets;
            (FAILING_IMPACTS.contains(rule.getImpact()) ? failing : lesser).add(violation);
        }
        System.out.printf("axe-core on %s: %d rules passed, %d violations below serious %s%n", page,
                results.getPasses().size(), lesser.size(), lesser);
        if (!failing.isEmpty()) {
            fail("accessibility violations on " + page + " (" + url() + "):\n  " + String.join("\n  ", failing));
        }
    }

    private static Boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return null;
        } catch (StaleElementReferenceException gone) {
            return Boolean.TRUE;
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
