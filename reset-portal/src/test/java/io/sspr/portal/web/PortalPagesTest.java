package io.sspr.portal.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.events.Operation;
import io.sspr.events.PasswordPolicyPublished;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.Topics;
import io.sspr.events.crypto.ServiceKeys;
import io.sspr.events.json.EventJson;
import io.sspr.events.testing.TestKafka;
import io.sspr.events.testing.TestMail;
import io.sspr.portal.rest.PortalRealParts;
import io.sspr.portal.service.AuthenticatorSecrets;
import io.sspr.portal.service.DirectoryUserService;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.codec.binary.Base32;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The pages for people, without JavaScript, against the real Kafka, PostgreSQL and mail server: every flow through
 * its forms (url-encoded POSTs answered with 303 to a page that can be reloaded), the form token on every POST, the
 * security headers on every kind of answer, and the policy the pages describe. The pipeline's own part is played by
 * the test (results produced as the validator or the worker would), as in SelfServiceFlowTest; e2e PortalPagesIT
 * walks the same pages in a real browser against the whole system.
 */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class PortalPagesTest {
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'none'";
    private static final String REFUSED = "FORM_TOKEN_INVALID";

    @Inject
    DirectoryUserService users;

    @Inject
    AuthenticatorSecrets authenticators;

    @Inject
    FormTokens tokens;

    @ConfigProperty(name = "sspr.keys-dir")
    Path keysDir;

    @Test
    void everyPageIsLabelledHeadedLinkedAndCarriesItsFormToken() throws Exception {
        for (String path : List.of("/", "/reset", "/unlock", "/register")) {
            PageClient browser = new PageClient();
            Response page = browser.get(path);
            assertEquals(200, page.statusCode(), path);
            keep(path, page);
            assertTrue(page.contentType().startsWith("text/html"), path + ": " + page.contentType());
            Document html = PageClient.html(page);
            assertEquals("en", html.selectFirst("html").attr("lang"), path);
            assertEquals(1, html.select("h1").size(), path + ": one h1");
            assertFalse(html.title().isBlank(), path);
            for (Element input : html.select("input:not([type=hidden])")) {
                assertNotNull(html.selectFirst("label[for=" + input.id() + "]"), path + ": no label for " + input);
            }
            for (Element described : html.select("[aria-describedby]")) {
                for (String id : described.attr("aria-describedby").split(" ")) {
                    assertNotNull(html.getElementById(id), path + ": " + id + " described but missing");
                }
            }
            for (Element form : html.select("form")) {
                assertEquals("post", form.attr("method"), path);
                assertEquals(1, form.select("input[type=hidden][name=csrf]").size(), path + ": the form token");
            }
            List<String> links = html.select("nav a").eachText();
            assertTrue(links.containsAll(List.of("Forgot your password?", "Account locked?",
                    "Set up an authenticator app")), path + ": " + links);
            assertTrue(html.select("script:not([src])").isEmpty(), path + ": no inline script");
            assertTrue(html.select("[style]").isEmpty(), path + ": no inline style");
            String cookie = page.getHeader("Set-Cookie");
            assertTrue(cookie.startsWith(FormTokens.COOKIE + "=") && cookie.contains("HttpOnly")
                    && cookie.contains("SameSite=Strict"), cookie);
        }
    }

    @Test
    void theSecurityHeadersAreOnPagesApiAnswersStaticFilesAndErrors() {
        for (String path : List.of("/", "/reset", "/requests/" + UUID.randomUUID(), "/api/v1/requests/"
                + UUID.randomUUID(), "/api/v1/password-policy", "/portal.css", "/portal.js", "/no-such-page",
                "/q/health/ready")) {
            Response answer = given().redirects().follow(false).get(path);
            assertEquals(CSP, answer.getHeader("Content-Security-Policy"), path);
            assertEquals("nosniff", answer.getHeader("X-Content-Type-Options"), path);
            assertEquals("no-referrer", answer.getHeader("Referrer-Policy"), path);
            assertEquals("no-store", answer.getHeader("Cache-Control"), path);
        }
        Response tooLarge = given().contentType("application/json").body("{\"username\":\"" + "x".repeat(20_000)
                + "\"}").post("/api/v1/password-changes");
        assertEquals(413, tooLarge.statusCode());
        assertEquals(CSP, tooLarge.getHeader("Content-Security-Policy"), "the 413 answered before the body is read");
        assertEquals("no-store", tooLarge.getHeader("Cache-Control"));
        Response refused = new PageClient().post("/", Map.of("username", "jdoe"));
        assertEquals(403, refused.statusCode());
        assertEquals(CSP, refused.getHeader("Content-Security-Policy"));
        assertEquals("no-store", refused.getHeader("Cache-Control"));
    }

    @Test
    void aChangeIsSentByTheFormAndItsStatusPageShowsThePipelinesAnswerOnReload() throws Exception {
        PageClient browser = new PageClient();
        browser.get("/");
        String name = "page" + letters();
        Response different = browser.post("/", Map.of("username", name, "currentPassword", "Current-Pass-1",
                "newPassword", "Fresh-Pass-1234", "confirmPassword", "Fresh-Pass-4321"));
        assertEquals(400, different.statusCode());
        assertTrue(PageClient.alert(different).text().contains("NEW_PASSWORDS_DIFFERENT"));
        Document again = PageClient.html(different);
        assertEquals("true", again.getElementById("confirm-password").attr("aria-invalid"));
        assertTrue(again.getElementById("confirm-password").hasAttr("autofocus"));
        assertTrue(again.getElementById("confirm-password").attr("aria-describedby").contains("confirm-password-error"));
        assertEquals(name, again.getElementById("username").val(), "the user name is kept");
        assertFalse(different.asString().contains("Current-Pass-1") || different.asString().contains("Fresh-Pass"),
                "no password is written back into the page");
        assertTrue(again.title().startsWith("Error: "));

        String requestId;
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            Response sent = browser.post("/", Map.of("username", name, "currentPassword", "Current-Pass-1",
                    "newPassword", "Fresh-Pass-1234", "confirmPassword", "Fresh-Pass-1234"));
            assertEquals(303, sent.statusCode(), sent.asString());
            assertTrue(sent.getHeader("Location").startsWith("/requests/"), sent.getHeader("Location"));
            Response status = browser.follow(sent);
            assertEquals(200, status.statusCode());
            assertEquals("Request received", PageClient.html(status).selectFirst("h1").text());
            requestId = sent.getHeader("Location").substring("/requests/".length());
            assertEquals("/api/v1/requests/" + requestId,
                    PageClient.html(status).selectFirst("[data-refresh-url]").attr("data-refresh-url"));
            PasswordRequested change = EventJson.read(TestKafka.awaitRecord(requests,
                    r -> r.value().contains(requestId)).value(), PasswordRequested.class);
            assertEquals(Operation.CHANGE, change.operation());
            assertEquals(name, change.username());
        }
        TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.succeeded(UUID.fromString(requestId),
                Operation.CHANGE, name, name, Services.WRITEBACK_WORKER, Instant.now()), Services.WRITEBACK_WORKER);
        await().atMost(Duration.ofSeconds(30)).until(() -> PageClient.html(browser.get("/requests/" + requestId))
                .selectFirst("h1").text().equals("Password changed"));
        Document done = PageClient.html(browser.get("/requests/" + requestId));
        assertNull(done.selectFirst("[data-refresh-url]"), "a finished request is not followed");
        assertEquals(404, browser.get("/requests/" + UUID.randomUUID()).statusCode());
        assertEquals(404, browser.get("/requests/not-an-id").statusCode());
    }

    @Test
    void aResetByMailGoesThroughItsFormsAndEachStepIsAPageThatCanBeReloaded() throws Exception {
        TestUser user = knownUser();
        PageClient browser = new PageClient();
        browser.get("/reset");
        long mark = TestMail.mark(user.mail());
        Response started = browser.post("/reset", Map.of("username", user.name()));
        assertEquals(303, started.statusCode(), started.asString());
        String flow = started.getHeader("Location");
        assertTrue(flow.matches("/reset/[0-9a-f-]{36}"), flow);
        Document codes = PageClient.html(browser.follow(started));
        assertEquals(2, codes.select("input[type=radio][name=method]").size(), "a choice of methods");
        assertEquals("legend", codes.selectFirst("fieldset.methods > legend").tagName());
        String code = TestMail.awaitCode(user.mail(), TestMail.after(mark));

        Response wrong = browser.post(flow + "/verify", Map.of("method", "email", "code", wrong(code)));
        assertEquals(400, wrong.statusCode());
        assertTrue(PageClient.alert(wrong).text().contains("CODE_WRONG"));
        assertEquals("true", PageClient.html(wrong).getElementById("code").attr("aria-invalid"));
        Response empty = browser.post(flow + "/verify", Map.of("method", "email", "code", ""));
        assertEquals(400, empty.statusCode(), "nothing typed is not counted as a wrong code");

        Response verified = browser.post(flow + "/verify", Map.of("method", "email", "code", code));
        Document password = PageClient.html(browser.follow(verified));
        assertEquals("Choose a new password", password.selectFirst("h1").text());
        assertEquals("/api/v1/password-policy", password.getElementById("new-password").attr("data-password-hints"));
        assertEquals("Choose a new password", PageClient.html(browser.get(flow)).selectFirst("h1").text(),
                "the reloaded page is the same step");

        Response mismatch = browser.post(flow + "/complete", Map.of("newPassword", "Fresh-Pass-1234",
                "confirmPassword", "Other-Pass-1234"));
        assertEquals(400, mismatch.statusCode());
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            Response completed = browser.post(flow + "/complete", Map.of("newPassword", "Fresh-Pass-1234",
                    "confirmPassword", "Fresh-Pass-1234"));
            assertEquals(303, completed.statusCode(), completed.asString());
            String requestId = completed.getHeader("Location").substring("/requests/".length());
            PasswordRequested reset = EventJson.read(TestKafka.awaitRecord(requests,
                    r -> r.value().contains(requestId)).value(), PasswordRequested.class);
            assertEquals(Operation.RESET, reset.operation());
            assertEquals(user.guid(), reset.userKey());
            assertTrue(PageClient.text(browser.get(flow)).contains("You already sent a new password"));
        }
        assertEquals(404, browser.get("/reset/" + UUID.randomUUID()).statusCode(), "an unknown flow is gone");
    }

    @Test
    void anUnknownNameGetsTheSameStepsAndItsCodesNeverVerify() {
        PageClient browser = new PageClient();
        browser.get("/reset");
        Response started = browser.post("/reset", Map.of("username", "nobody" + letters()));
        assertEquals(303, started.statusCode());
        Response codes = browser.follow(started);
        assertEquals(200, codes.statusCode());
        Response wrong = browser.post(started.getHeader("Location") + "/verify",
                Map.of("method", "email", "code", "123456"));
        assertEquals(400, wrong.statusCode());
        assertTrue(PageClient.alert(wrong).text().contains("CODE_WRONG"));
        Response invalid = browser.post("/reset", Map.of("username", "no spaces allowed<>"));
        assertEquals(400, invalid.statusCode());
        assertEquals("true", PageClient.html(invalid).getElementById("username").attr("aria-invalid"));
    }

    @Test
    void anUnlockIsOneButtonOnceTheCodeIsRight() throws Exception {
        TestUser user = knownUser();
        PageClient browser = new PageClient();
        browser.get("/unlock");
        long mark = TestMail.mark(user.mail());
        Response started = browser.post("/unlock", Map.of("username", user.name()));
        String flow = started.getHeader("Location");
        assertTrue(flow.startsWith("/unlock/"), flow);
        browser.follow(started);
        String code = TestMail.awaitCode(user.mail(), TestMail.after(mark));
        Document unlock = PageClient.html(browser.follow(browser.post(flow + "/verify",
                Map.of("method", "email", "code", code))));
        assertEquals("Unlock your account now", unlock.selectFirst("h1").text());
        assertTrue(unlock.select("input[type=password]").isEmpty(), "an unlock takes no password");
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            Response completed = browser.post(flow + "/complete", Map.of());
            assertEquals(303, completed.statusCode(), completed.asString());
            String requestId = completed.getHeader("Location").substring("/requests/".length());
            assertEquals(Operation.UNLOCK, EventJson.read(TestKafka.awaitRecord(requests,
                    r -> r.value().contains(requestId)).value(), PasswordRequested.class).operation());
        }
    }

    @Test
    void aBlockSaysWhenItEnds() {
        PageClient browser = new PageClient();
        browser.get("/reset");
        String flow = browser.post("/reset", Map.of("username", "blocked" + letters())).getHeader("Location");
        Response last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            last = browser.post(flow + "/verify", Map.of("method", "email", "code", "000000"));
        }
        assertEquals(429, last.statusCode());
        String alert = PageClient.alert(last).text();
        assertTrue(alert.contains("SELF_SERVICE_BLOCKED") && alert.contains("Self-service works again on")
                && alert.contains("UTC"), alert);
        assertNotNull(last.getHeader("Retry-After"));
    }

    @Test
    void anAuthenticatorIsSetUpThroughItsPagesAndOnlyTheBrowserThatEnteredTheMailedCodeSeesTheKey()
            throws Exception {
        TestUser user = knownUser();
        PageClient browser = new PageClient();
        browser.get("/register");
        PasswordRequested check;
        Response started;
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            started = browser.post("/register", Map.of("username", user.name(), "currentPassword",
                    "Current-Pass-1"));
            assertEquals(303, started.statusCode(), started.asString());
            check = EventJson.read(TestKafka.awaitRecord(requests, r -> r.value().contains("VERIFY_PASSWORD")
                    && r.key().equals(user.guid())).value(), PasswordRequested.class);
        }
        String registration = started.getHeader("Location");
        Document waiting = PageClient.html(browser.follow(started));
        assertTrue(waiting.text().contains("Waiting for the directory"), waiting.text());
        assertEquals("CHECKING_PASSWORD", waiting.selectFirst("[data-refresh-url]").attr("data-refresh-value"));

        long mark = TestMail.mark(user.mail());
        TestKafka.produce(Topics.PASSWORD_RESULTS, PasswordResult.succeeded(check.correlationId(),
                Operation.VERIFY_PASSWORD, check.userKey(), check.username(), Services.WRITEBACK_WORKER,
                Instant.now()), Services.WRITEBACK_WORKER);
        String code = TestMail.awaitCode(user.mail(), TestMail.after(mark));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> PageClient.text(browser.get(registration)).contains("Enter the code from your mail"));

        Response verified = browser.post(registration + "/verify", Map.of("code", code));
        assertEquals(303, verified.statusCode(), verified.asString());
        String proof = browser.cookie(FormTokens.ENROLMENT_COOKIE);
        assertNotNull(proof, "the browser that entered the code may see the key");
        Document secret = PageClient.html(browser.follow(verified));
        assertTrue(secret.selectFirst("img").attr("src").startsWith("data:image/png;base64,"));
        assertFalse(secret.selectFirst("img").attr("alt").isBlank());
        String key = secret.getElementById("manual-key").text();
        assertTrue(key.matches("[A-Z2-7]{4}( [A-Z2-7]{1,4})+"), key);
        assertNotNull(PageClient.html(browser.get(registration)).getElementById("manual-key"), "shown on reload");

        PageClient other = new PageClient();
        Document elsewhere = PageClient.html(other.get(registration));
        assertNull(elsewhere.getElementById("manual-key"), "the link alone does not show the key");
        other.setCookie(FormTokens.ENROLMENT_COOKIE, proof);
        assertNull(PageClient.html(other.get(registration)).getElementById("manual-key"),
                "the proof is bound to the browser's own form cookie");

        byte[] bytes = new Base32().decode(key.replace(" ", ""));
        Response confirmed = browser.post(registration + "/confirm",
                Map.of("code", authenticators.codeAt(bytes, Instant.now())));
        Document done = PageClient.html(browser.follow(confirmed));
        assertTrue(done.text().contains("Your authenticator app is set up"), done.text());
        assertNull(done.getElementById("manual-key"));
    }

    @Test
    void everyFormRefusesAPostWithoutAValidTokenAndUsesNothingOfIt() throws Exception {
        PageClient browser = new PageClient();
        browser.get("/reset");
        String flow = browser.post("/reset", Map.of("username", "tokens" + letters())).getHeader("Location");
        browser.get("/register");
        String registration = "/register/" + UUID.randomUUID();
        String otherCookie = tokens.cookieOrNew(null);
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("/", Map.of("username", "jdoe", "currentPassword", "Current-Pass-1", "newPassword", "Fresh-Pass-12",
                "confirmPassword", "Fresh-Pass-12"));
        forms.put("/reset", Map.of("username", "jdoe"));
        forms.put("/unlock", Map.of("username", "jdoe"));
        forms.put("/register", Map.of("username", "jdoe", "currentPassword", "Current-Pass-1"));
        forms.put(flow + "/verify", Map.of("method", "email", "code", "123456"));
        forms.put(flow + "/complete", Map.of("newPassword", "Fresh-Pass-12", "confirmPassword", "Fresh-Pass-12"));
        forms.put(flow.replace("/reset/", "/unlock/") + "/complete", Map.of());
        forms.put(registration + "/verify", Map.of("code", "123456"));
        forms.put(registration + "/confirm", Map.of("code", "123456"));
        String cookie = browser.cookie(FormTokens.COOKIE);
        String field = browser.csrf();
        List<String> accepted = new ArrayList<>();
        try (KafkaConsumer<String, String> requests = TestKafka.consumerAtEnd(Topics.PASSWORD_REQUESTED)) {
            for (var form : forms.entrySet()) {
                Map<String, String> noField = new LinkedHashMap<>(form.getValue());
                noField.put("csrf", null);
                Map<String, String> forged = new LinkedHashMap<>(form.getValue());
                forged.put("csrf", field.substring(0, field.length() - 2) + (field.endsWith("AA") ? "AB" : "AA"));
                Map<String, String> otherBrowsers = new LinkedHashMap<>(form.getValue());
                otherBrowsers.put("csrf", tokens.fieldFor(otherCookie));
                List<Response> answers = List.of(
                        browser.post(form.getKey(), noField),
                        browser.post(form.getKey(), forged),
                        browser.post(form.getKey(), otherBrowsers),
                        withoutCookie(browser, cookie, () -> browser.post(form.getKey(), form.getValue())));
                for (Response answer : answers) {
                    if (answer.statusCode() != 403 || !PageClient.alert(answer).text().contains(REFUSED)) {
                        accepted.add(form.getKey() + " -> " + answer.statusCode());
                    }
                    assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
                }
            }
            assertEquals(List.of(), accepted, "forms taken without a valid token");
            assertTrue(requests.poll(Duration.ofSeconds(2)).isEmpty(), "nothing was sent to the pipeline");
        }
    }

    @Test
    void thePagesAreNotInTheApiDescription() {
        List<String> paths = new ArrayList<>(given().accept("application/json").get("/q/openapi").jsonPath()
                .getMap("paths").keySet().stream().map(String::valueOf).toList());
        assertFalse(paths.isEmpty());
        paths.removeIf(path -> path.startsWith("/api/v1/"));
        assertEquals(List.of(), paths);
    }

    @Test
    void aFormTokenIsCheckedByAnyInstanceWithTheSameKeys() {
        FormTokens another = new FormTokens(new ServiceKeys("reset-portal", keysDir));
        PageClient browser = new PageClient();
        browser.get("/");
        String cookie = browser.cookie(FormTokens.COOKIE);
        FormToken token = new FormToken();
        token.cookie = cookie;
        token.field = browser.csrf();
        another.require(token);
        assertEquals(browser.csrf(), another.fieldFor(cookie));
    }

    @Test
    void theDomainPolicyIsServedAndDescribedOnThePagesButNoFineGrainedOne() throws Exception {
        int length = 9 + ThreadLocalRandom.current().nextInt(20);
        Instant now = Instant.now();
        TestKafka.produce(PortalRealParts.POLICIES, policy(PasswordPolicyPublished.DOMAIN_KEY,
                PasswordPolicyPublished.Source.DOMAIN, length, now), Services.POLICY_VALIDATOR);
        TestKafka.produce(PortalRealParts.POLICIES, policy("CN=strict,CN=Password Settings Container",
                PasswordPolicyPublished.Source.PSO, 30, now.plusSeconds(1)), Services.POLICY_VALIDATOR);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response policy = given().get("/api/v1/password-policy");
            return policy.statusCode() == 200 && policy.jsonPath().getInt("minLength") == length;
        });
        Response policy = given().get("/api/v1/password-policy");
        assertEquals(true, policy.jsonPath().getBoolean("complexity"));
        assertEquals(3, policy.jsonPath().getInt("requiredCategories"));
        assertEquals(24, policy.jsonPath().getInt("historyLength"));
        assertEquals(Duration.ofDays(42), Duration.parse(policy.jsonPath().getString("maxAge")));
        assertEquals("Use at least " + length + " and at most 256 characters.",
                policy.jsonPath().getList("rules").get(0));
        assertTrue(policy.asString().indexOf("username") < 0, "no personal data");

        Document change = PageClient.html(new PageClient().get("/"));
        assertTrue(change.getElementById("policy-rules").text().contains("Use at least " + length + " and"));
        assertTrue(change.getElementById("new-password").attr("aria-describedby").contains("policy-rules"));
    }

    /** The page as served, under target/pages/, to look at. */
    private static void keep(String path, Response page) throws java.io.IOException {
        Path file = Path.of("target/pages", (path.equals("/") ? "change" : path.substring(1)) + ".html");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, page.asString());
    }

    private static PasswordPolicyPublished policy(String key, PasswordPolicyPublished.Source source, int minLength,
            Instant at) {
        return new PasswordPolicyPublished(UUID.randomUUID(), UUID.randomUUID(), at, SsprEvent.SCHEMA_VERSION, key,
                source, source == PasswordPolicyPublished.Source.PSO ? 1 : null, minLength, 256, true, "WINDOWS", 24,
                Duration.ofDays(1), Duration.ofDays(42), List.of("Use at least " + minLength + " and at most 256 "
                        + "characters.", "Do not reuse any of your last 24 passwords."));
    }

    private static Response withoutCookie(PageClient browser, String cookie,
            java.util.function.Supplier<Response> post) {
        browser.setCookie(FormTokens.COOKIE, null);
        try {
            return post.get();
        } finally {
            browser.setCookie(FormTokens.COOKIE, cookie);
        }
    }

    private record TestUser(String guid, String name, String mail) {
    }

    private TestUser knownUser() {
        String name = "page" + letters();
        String guid = UUID.randomUUID().toString();
        String mail = name + "@example.test";
        users.onPublished(DirectoryUserPublished.of(guid, "CN=" + name + ",CN=Users,DC=example,DC=test", name,
                name + "@example.test", mail, null, "Page " + name, true, false, false, true, 1, Instant.now()));
        return new TestUser(guid, name, mail);
    }

    /** Letters only: a user name with six digits in a row would look like a code in the mail. */
    private static String letters() {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom.current().ints(10, 'a', 'z' + 1).forEach(c -> letters.append((char) c));
        return letters.toString();
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }
}
