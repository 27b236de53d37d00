package io.sspr.audit.web;

import static io.restassured.RestAssured.given;
import static io.sspr.audit.rest.AuditSeed.details;
import static io.sspr.audit.rest.AuditSeed.readRecord;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.sspr.audit.rest.AuditRealParts;
import io.sspr.audit.rest.AuditRecordResource;
import io.sspr.audit.rest.AuditSeed;
import io.sspr.audit.rest.AuditTokens;
import io.sspr.audit.rest.Reader;
import io.sspr.events.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The auditors' pages as a browser without JavaScript sees them (jsoup reads the HTML): sign-in with a form token,
 * the filter form, the next link and the CSV link, the refusals, and the audit of each read and refusal.
 */
@QuarkusTest
@WithTestResource(AuditRealParts.class)
class AuditPagesTest {

    @Test
    void anAuditorSignsInSearchesPagesAndDownloadsTheCsv() throws Exception {
        String user = AuditSeed.user("audit-page");
        Instant t = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        List<AuditEvent> seeded = List.of(AuditSeed.event(user, t), AuditSeed.event(user, t.plusSeconds(1)),
                AuditSeed.event(user, t.plusSeconds(2)));
        AuditSeed.store(seeded);

        given().redirects().follow(false).get(AuditPages.ROOT).then().statusCode(303)
                .header("Location", endsWith(AuditPages.SIGN_IN));
        Browser browser = Browser.signIn(AuditTokens.auditorWithSubject("page-auditor", "pat.auditor@example.test"));

        Response first = browser.get(AuditPages.ROOT + "?targetUser=" + user + "&limit=2");
        first.then().statusCode(200).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        Document page = Jsoup.parse(first.asString());
        assertEquals("Audit records", page.selectFirst("h1").text());
        assertEquals("pat.auditor@example.test", page.getElementById("signed-in-as").text());
        Element form = page.selectFirst("form.filters");
        assertEquals("get", form.attr("method"));
        for (String field : List.of("from", "to", "targetUser", "initiatedBy", "activity", "category", "result",
                "correlationId", "limit")) {
            assertNotNull(page.selectFirst("label[for=" + field + "]"), "a label for " + field);
            assertNotNull(form.selectFirst("[name=" + field + "]"), "a field " + field);
        }
        assertEquals(user, page.getElementById("targetUser").val());
        assertEquals(2, page.select("#records tbody tr").size());
        assertEquals(List.of(t.plusSeconds(2).toString(), t.plusSeconds(1).toString()),
                page.select("#records td.time").eachText(), "newest first");
        String next = page.getElementById("next").attr("href");
        assertTrue(next.startsWith(AuditPages.ROOT + "?targetUser="), next);
        String csv = page.getElementById("csv").attr("href");
        assertEquals(AuditPages.CSV + "?targetUser=" + user.replace("@", "%40"), csv);

        JsonPath read = readRecord(first);
        assertEquals("pat.auditor@example.test", read.getString("initiatedBy.user.userPrincipalName"));
        Map<String, String> details = details(read);
        assertEquals("html", details.get("format"));
        assertEquals(user, details.get("targetUser"));
        assertEquals("GET " + AuditPages.ROOT, details.get("request"));

        Document second = Jsoup.parse(browser.get(next).then().statusCode(200).extract().asString());
        assertEquals(1, second.select("#records tbody tr").size());
        assertNull(second.getElementById("next"), "the last page has no next link");
        assertTrue(second.select("#records td.time").text().contains(t.toString()));

        Response download = browser.get(csv);
        download.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment"));
        assertEquals(4, download.asString().split("\r\n").length, "a header and three records");
        assertEquals("csv", details(readRecord(download)).get("format"));

        // the cookie is for the pages: the API takes bearer tokens only
        given().cookie(AuditorSession.COOKIE, browser.token).get(AuditRecordResource.EVENTS).then().statusCode(401);

        Response out = browser.post(AuditPages.ROOT + "/sign-out", Map.of());
        out.then().statusCode(303).header("Location", endsWith(AuditPages.SIGN_IN));
        assertEquals(0L, out.detailedCookie(AuditorSession.COOKIE).getMaxAge(), "the session cookie goes");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndForThePagesOnly() {
        Browser browser = Browser.signIn(AuditTokens.auditor());
        String cookie = browser.signInAnswer.header("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/audit"), cookie);
        long seconds = browser.signInAnswer.detailedCookie(AuditorSession.COOKIE).getMaxAge();
        assertTrue(seconds > 500 && seconds <= 600, "as long as the token lives (ten minutes): " + cookie);
    }

    @Test
    void aFilterThePageCannotUseShowsTheReasonAsA400() {
        Browser browser = Browser.signIn(AuditTokens.auditor());
        Response invalid = browser.get(AuditPages.ROOT + "?limit=ten&from=2026-01-31T00:00");
        invalid.then().statusCode(400);
        Document page = Jsoup.parse(invalid.asString());
        assertEquals("limit must be a whole number from 1 to 1000.", page.getElementById("error-message").text());
        assertEquals("2026-01-31T00:00", page.getElementById("from").val(), "a datetime-local value, shown again");
        assertEquals("Invalid query: limit must be a whole number from 1 to 1000.",
                readRecord(invalid).getString("resultReason"));
        // the form's datetime-local values are UTC
        browser.get(AuditPages.ROOT + "?from=2026-01-31T00:00&to=2026-02-01T00:00:30").then().statusCode(200);
        assertEquals("2026-01-31T00:00",
                Jsoup.parse(browser.get(AuditPages.ROOT + "?from=2026-01-31T00:00:00Z").asString())
                        .getElementById("from").val());
    }

    @Test
    void aTokenThatIsNotAnAuditorsIsRefusedAndAudited() {
        Browser form = Browser.open();
        Response refused = form.post(AuditPages.SIGN_IN, Map.of("token", AuditTokens.forGroups(List.of("helpdesk"))));
        refused.then().statusCode(403);
        assertEquals("This page is for auditors", Jsoup.parse(refused.asString()).selectFirst("h1").text());
        JsonPath read = readRecord(refused);
        assertEquals(AuditTokens.UPN, read.getString("initiatedBy.user.userPrincipalName"));
        assertEquals("Refused: the token does not carry the auditor role", read.getString("resultReason"));
        assertFalse(refused.headers().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(AuditorSession.COOKIE + "=ey")), "no session for it");

        Response expired = form.post(AuditPages.SIGN_IN, Map.of("token", AuditTokens.expiredAuditor()));
        expired.then().statusCode(401);
        assertNotNull(Jsoup.parse(expired.asString()).getElementById("error-message"));
        assertEquals(Reader.ANONYMOUS, readRecord(expired).getString("initiatedBy.user.userPrincipalName"));

        // a cookie whose token has aged out brings the sign-in page back, as a 401, and goes
        Response aged = given().cookie(AuditorSession.COOKIE, AuditTokens.auditorIssuedAgo(Duration.ofHours(3)))
                .redirects().follow(false).get(AuditPages.ROOT);
        aged.then().statusCode(401);
        assertEquals("Sign in to the audit log", Jsoup.parse(aged.asString()).selectFirst("h1").text());
        assertEquals(0L, aged.detailedCookie(AuditorSession.COOKIE).getMaxAge(), "the session cookie goes");
        assertEquals("Refused: the token did not verify", readRecord(aged).getString("resultReason"));
    }

    @Test
    void aFormFromAnotherSiteOrWithoutItsTokenIsNotTaken() {
        Browser browser = Browser.open();
        String token = AuditTokens.auditor();
        Response forged = given().cookie(FormGuard.COOKIE, browser.formCookie).formParam("csrf", "x".repeat(43))
                .formParam("token", token).redirects().follow(false).post(AuditPages.SIGN_IN);
        forged.then().statusCode(403);
        assertEquals("The form was not sent", Jsoup.parse(forged.asString()).selectFirst("h1").text());
        assertEquals("Refused: the form did not come from this page", readRecord(forged).getString("resultReason"));

        given().cookie(FormGuard.COOKIE, browser.formCookie).formParam("csrf", browser.formCookie)
                .formParam("token", token).header("Origin", "https://attacker.test").redirects().follow(false)
                .post(AuditPages.SIGN_IN).then().statusCode(403);
        given().cookie(FormGuard.COOKIE, browser.formCookie).formParam("csrf", browser.formCookie)
                .formParam("token", token).header("Sec-Fetch-Site", "cross-site").redirects().follow(false)
                .post(AuditPages.SIGN_IN).then().statusCode(403);
        given().formParam("csrf", browser.formCookie).formParam("token", token).redirects().follow(false)
                .post(AuditPages.SIGN_IN).then().statusCode(403);
        // the same form from this page is taken
        given().cookie(FormGuard.COOKIE, browser.formCookie).formParam("csrf", browser.formCookie)
                .formParam("token", token).header("Sec-Fetch-Site", "same-origin").redirects().follow(false)
                .post(AuditPages.SIGN_IN).then().statusCode(303).header("Location", endsWith(AuditPages.ROOT));
    }

    private static org.hamcrest.Matcher<String> endsWith(String suffix) {
        return org.hamcrest.Matchers.endsWith(suffix);
    }

    /** A browser's cookies: its form cookie from the sign-in page, and once signed in, its session. */
    static final class Browser {
        final String formCookie;
        final String csrf;
        String token;
        Response signInAnswer;

        private Browser(String formCookie, String csrf) {
            this.formCookie = formCookie;
            this.csrf = csrf;
        }

        static Browser open() {
            Response page = given().get(AuditPages.SIGN_IN);
            page.then().statusCode(200).body(containsString("Access token"));
            String cookie = page.cookie(FormGuard.COOKIE);
            String csrf = Jsoup.parse(page.asString()).selectFirst("input[name=csrf]").val();
            assertEquals(cookie, csrf);
            return new Browser(cookie, csrf);
        }

        static Browser signIn(String token) {
            Browser browser = open();
            browser.signInAnswer = browser.post(AuditPages.SIGN_IN, Map.of("token", token));
            browser.signInAnswer.then().statusCode(303).header("Location", endsWith(AuditPages.ROOT));
            browser.token = browser.signInAnswer.cookie(AuditorSession.COOKIE);
            assertEquals(token, browser.token);
            return browser;
        }

        Response get(String link) {
            return request().urlEncodingEnabled(false).get(link);
        }

        Response post(String path, Map<String, String> fields) {
            return request().formParams(fields).formParam(FormGuard.FIELD, csrf).post(path);
        }

        private RequestSpecification request() {
            RequestSpecification request = given().redirects().follow(false).cookie(FormGuard.COOKIE, formCookie);
            return token == null ? request : request.cookie(AuditorSession.COOKIE, token);
        }
    }
}
