package io.sspr.portal.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript, as far as the pages care: it keeps the cookies it was given, reads a page's form
 * token from its hidden field, posts forms url-encoded and follows nothing on its own (each 303 is checked, then
 * followed with {@link #follow}).
 */
final class PageClient {
    private final Map<String, String> cookies = new HashMap<>();
    /** The form token of the last page read. */
    private String csrf;

    Response get(String path) {
        Response response = request().get(path);
        keepCookies(response);
        String field = Jsoup.parse(response.asString()).select("input[name=csrf]").attr("value");
        if (!field.isEmpty()) {
            csrf = field;
        }
        return response;
    }

    /** Posts the form with the last page's token; {@code fields} may override or leave it out (value null). */
    Response post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        if (csrf != null) {
            form.put("csrf", csrf);
        }
        form.putAll(fields);
        form.values().removeIf(value -> value == null);
        Response response = request().contentType(ContentType.URLENC).formParams(form).post(path);
        keepCookies(response);
        return response;
    }

    /** A 303 to a page of the portal, read with GET. */
    Response follow(Response seeOther) {
        assertEquals(303, seeOther.statusCode(), seeOther.asString());
        String location = seeOther.getHeader("Location");
        assertNotNull(location, "303 without Location");
        return get(location);
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        if (value == null) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    String csrf() {
        return csrf;
    }

    static Document html(Response response) {
        return Jsoup.parse(response.asString());
    }

    static String text(Response response) {
        return html(response).text();
    }

    /** The page's error summary, which screen readers announce. */
    static Element alert(Response response) {
        Element alert = html(response).selectFirst("[role=alert]");
        assertNotNull(alert, "no role=alert on the page: " + response.asString());
        return alert;
    }

    private RequestSpecification request() {
        return given().redirects().follow(false).cookies(new HashMap<>(cookies));
    }

    private void keepCookies(Response response) {
        response.getDetailedCookies().forEach(cookie -> cookies.put(cookie.getName(), cookie.getValue()));
    }
}
