package io.sspr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sspr.events.testing.StackTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The hostile HTTP requests of {@link HostileInputIT}: each with the statuses it may get (never a 5xx) and the stable
 * error code it must carry. A 202 is allowed only for a well-formed change of a real account with a wrong current
 * password, which the pipeline must then refuse.
 */
final class HostileHttpCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CHANGES = "/api/v1/password-changes";
    /** As the code of a case: the HTTP layer answers it before the API can, without a JSON body. */
    static final String NO_BODY = "(empty body)";

    /** One request and what it must get. */
    record HttpCase(String category, String name, String service, String method, String path, String contentType,
            byte[] body, boolean chunked, Map<String, String> headers, Set<Integer> statuses, String code) {

        String expected() {
            return statuses.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse("")
                    + (code == null ? "" : " " + code);
        }
    }

    /** What came back. */
    record Answer(int status, String code, String body) {
        String describe() {
            return status + (code == null ? " (no JSON code)" : " " + code);
        }
    }

    private final String victim;
    private final String auditorToken;
    private final String helpdeskToken;
    private final List<HttpCase> cases = new ArrayList<>();

    HostileHttpCases(String victim, String auditorToken, String helpdeskToken) {
        this.victim = victim;
        this.auditorToken = auditorToken;
        this.helpdeskToken = helpdeskToken;
    }

    List<HttpCase> build() {
        malformedJson();
        oversized();
        ldapUsernames();
        surrogatesAndNul();
        longPasswords();
        unknownFields();
        wrongTypes();
        emptyBodies();
        contentTypes();
        methodsAndPaths();
        selfService();
        auditApi();
        policyApi();
        return cases;
    }

    // ------------------------------------------------------------------------------------------- portal

    private void malformedJson() {
        String c = "malformed JSON";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("open brace", "{");
        bodies.put("close brace", "}");
        bodies.put("unterminated", "{\"username\":\"" + victim + "\",\"currentPassword\":\"x");
        bodies.put("missing value", "{\"username\":}");
        bodies.put("trailing comma", "{\"username\":\"" + victim + "\",}");
        bodies.put("single quotes", "{'username':'" + victim + "'}");
        bodies.put("unquoted keys", "{username:\"" + victim + "\"}");
        bodies.put("comment", "{/* hi */\"username\":\"" + victim + "\"}");
        bodies.put("NaN", "{\"username\":NaN}");
        bodies.put("bare word", "undefined");
        bodies.put("nested 3000 deep", "{\"username\":" + "[".repeat(3000) + "]".repeat(3000) + "}");
        bodies.put("huge number", "{\"username\":1e999999999}");
        bodies.put("bad escape", "{\"username\":\"\\x41\"}");
        bodies.put("control character in string", "{\"username\":\"a\u0001b\",\"currentPassword\":\"a\","
                + "\"newPassword\":\"b\"}");
        bodies.forEach((name, body) -> post(c, name, body, Set.of(400), "INVALID_REQUEST"));
        // read strictly (StrictJson): a second document after the first is refused, not ignored
        post(c, "two documents", change(victim, TestDirectory.randomPassword(), TestDirectory.randomPassword())
                + change(victim, "c", "d"), Set.of(400), "INVALID_REQUEST");
        portal(c, "invalid UTF-8 bytes", "POST", CHANGES, "application/json",
                concat("{\"username\":\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe},
                        "\",\"currentPassword\":\"a\",\"newPassword\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                Set.of(400), null);
    }

    private void oversized() {
        String c = "oversized bodies";
        String padding = "x".repeat(17 * 1024);
        post(c, "17 KB JSON", "{\"username\":\"" + victim + "\",\"padding\":\"" + padding + "\"}", Set.of(413),
                "INVALID_REQUEST");
        post(c, "16 KB + 1 byte", "{\"p\":\"" + "x".repeat(16 * 1024 - 7) + "\"}", Set.of(413), "INVALID_REQUEST");
        post(c, "1 MB JSON", "{\"p\":\"" + "x".repeat(1024 * 1024) + "\"}", Set.of(413), "INVALID_REQUEST");
        cases.add(new HttpCase(c, "64 KB chunked", "reset-portal", "POST", CHANGES, "application/json",
                ("{\"p\":\"" + "x".repeat(64 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), true, Map.of(),
                Set.of(413), NO_BODY)); // the HTTP layer's own 413: the size is known only once it is exceeded
        post(c, "5000 fields", "{" + "\"f%d\":1,".repeat(5000).formatted(seq(5000)) + "\"username\":\"x\"}",
                Set.of(413), "INVALID_REQUEST");
    }

    private void ldapUsernames() {
        String c = "LDAP-special characters in user names";
        List<String> specials = List.of("*", "(", ")", "\\", "\u0000", "/", ",", "=", "+", "<", ">", "#", ";", "\"",
                "|", "&", "!", "~", "'");
        for (String special : specials) {
            String shown = special.equals("\u0000") ? "NUL" : special;
            changeWithUsername(c, "'" + shown + "' alone", special);
            changeWithUsername(c, "'" + shown + "' before the name", special + victim);
            changeWithUsername(c, "'" + shown + "' after the name", victim + special);
            changeWithUsername(c, "'" + shown + "' in a UPN", victim + special + "@example.test");
        }
        changeWithUsername(c, "leading space", " " + victim);
        changeWithUsername(c, "trailing space", victim + " ");
        changeWithUsername(c, "leading space in a UPN", " " + victim + "@example.test");
        changeWithUsername(c, "trailing space in a UPN", victim + "@example.test ");
        changeWithUsername(c, "filter injection", victim + ")(|(objectClass=*)");
        changeWithUsername(c, "escaped star", victim + "\\2a");
        changeWithUsername(c, "DN as user name", "CN=" + victim + ",CN=Users,DC=example,DC=test");
        changeWithUsername(c, "21 characters", "a".repeat(21));
        post(c, "only spaces", change("   ", "Aa1!aaaaaaaa", "Bb2@bbbbbbbb"), Set.of(400), "INVALID_REQUEST");
    }

    private void surrogatesAndNul() {
        String c = "lone surrogates and NUL";
        // JSON escapes: Jackson reads them as the lone surrogate itself
        post(c, "\\ud800 in user name", rawChange("\\ud800" + victim, "Aa1!x", "Bb2@y"), Set.of(400),
                "USERNAME_INVALID");
        post(c, "\\udc00 in user name", rawChange(victim + "\\udc00", "Aa1!x", "Bb2@y"), Set.of(400),
                "USERNAME_INVALID");
        post(c, "\\ud800 in new password", rawChange(victim, TestDirectory.randomPassword(), "Bb2@y\\ud800z"),
                Set.of(400), "PASSWORD_INVALID_CHARACTERS");
        post(c, "\\udfff in current password", rawChange(victim, "\\udfffAa1!x", TestDirectory.randomPassword()),
                Set.of(400), "PASSWORD_INVALID_CHARACTERS");
        post(c, "high surrogate at the end", rawChange(victim, TestDirectory.randomPassword(), "Bb2@y\\udbff"),
                Set.of(400), "PASSWORD_INVALID_CHARACTERS");
        post(c, "reversed pair", rawChange(victim, TestDirectory.randomPassword(), "Bb2@y\\udc00\\ud800"),
                Set.of(400), "PASSWORD_INVALID_CHARACTERS");
        // raw: the surrogate's UTF-8-like bytes (CESU), which are not UTF-8
        byte[] cesu = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        portal(c, "raw surrogate bytes in new password", "POST", CHANGES, "application/json",
                concat(("{\"username\":\"" + victim + "\",\"currentPassword\":\"" + TestDirectory.randomPassword()
                        + "\",\"newPassword\":\"Bb2@y").getBytes(StandardCharsets.UTF_8), cesu,
                        "z9Q\"}".getBytes(StandardCharsets.UTF_8)), Set.of(202, 400), null);
        portal(c, "raw surrogate bytes in user name", "POST", CHANGES, "application/json",
                concat("{\"username\":\"".getBytes(StandardCharsets.UTF_8), cesu,
                        "\",\"currentPassword\":\"a\",\"newPassword\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                Set.of(400), null);
        // NUL: a user name cannot have it; a password may, and the directory then refuses the wrong current one
        post(c, "\\u0000 in user name", rawChange(victim + "\\u0000", "Aa1!x", "Bb2@y"), Set.of(400),
                "USERNAME_INVALID");
        post(c, "\\u0000 as user name", rawChange("\\u0000", "Aa1!x", "Bb2@y"), Set.of(400), "USERNAME_INVALID");
        post(c, "\\u0000 in new password", rawChange(victim, TestDirectory.randomPassword(),
                TestDirectory.randomPassword() + "\\u0000"), Set.of(202), null);
        post(c, "\\u0000 in current password", rawChange(victim, "\\u0000" + TestDirectory.randomPassword(),
                TestDirectory.randomPassword()), Set.of(202), null);
        post(c, "only \\u0000 as passwords", rawChange(victim, "\\u0000", "\\u0000"), Set.of(202, 400), null);
    }

    private void longPasswords() {
        String c = "4 KB passwords";
        String fourK = "Aa1!".repeat(1024);
        post(c, "4 KB new password", change(victim, TestDirectory.randomPassword(), fourK), Set.of(400),
                "PASSWORD_TOO_LONG");
        post(c, "4 KB current password", change(victim, fourK, TestDirectory.randomPassword()), Set.of(400),
                "PASSWORD_TOO_LONG");
        post(c, "4 KB both", change(victim, fourK, fourK), Set.of(400), "PASSWORD_TOO_LONG");
        post(c, "4 KB of é", change(victim, TestDirectory.randomPassword(), "é".repeat(4096)), Set.of(400),
                "PASSWORD_TOO_LONG");
        post(c, "2048 emoji (4096 UTF-16 units)", change(victim, TestDirectory.randomPassword(),
                "\uD83D\uDE00".repeat(2048)), Set.of(400), "PASSWORD_TOO_LONG");
        post(c, "257 characters", change(victim, TestDirectory.randomPassword(), "Aa1!" + "x".repeat(253)),
                Set.of(400), "PASSWORD_TOO_LONG");
        post(c, "256 characters (the limit)", change(victim, TestDirectory.randomPassword(),
                "Aa1!" + "xY7-".repeat(63)), Set.of(202), null);
        post(c, "4 KB user name", change("a".repeat(4096), "Aa1!x", "Bb2@y"), Set.of(400), "USERNAME_INVALID");
    }

    private void unknownFields() {
        String c = "unknown fields";
        Map<String, Map<String, Object>> extras = new LinkedHashMap<>();
        extras.put("operation ADMIN_RESET", Map.of("operation", "ADMIN_RESET"));
        extras.put("operator", Map.of("operator", Map.of("issuer", "urn:sspr:local-stack", "subject", "root")));
        extras.put("verification", Map.of("verification", Map.of("methods", List.of("email"), "completedAt",
                "2030-01-01T00:00:00Z")));
        extras.put("userKey of another account", Map.of("userKey", "administrator"));
        extras.put("mustChangeAtNextLogon", Map.of("mustChangeAtNextLogon", true));
        extras.put("__proto__ and isAdmin", Map.of("__proto__", Map.of("isAdmin", true), "isAdmin", true));
        extras.forEach((name, fields) -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("username", victim);
            body.put("currentPassword", TestDirectory.randomPassword());
            body.put("newPassword", TestDirectory.randomPassword());
            fields.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
            post(c, name, body.toString(), Set.of(202), null);
        });
    }

    private void wrongTypes() {
        String c = "wrong JSON types";
        String p = "\"" + TestDirectory.randomPassword() + "\"";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("user name array", "{\"username\":[\"" + victim + "\"],\"currentPassword\":" + p
                + ",\"newPassword\":" + p + "}");
        bodies.put("user name object", "{\"username\":{\"$ne\":null},\"currentPassword\":" + p + ",\"newPassword\":"
                + p + "}");
        bodies.put("user name null", "{\"username\":null,\"currentPassword\":" + p + ",\"newPassword\":" + p + "}");
        bodies.put("password array", "{\"username\":\"" + victim + "\",\"currentPassword\":[" + p
                + "],\"newPassword\":" + p + "}");
        bodies.put("password object", "{\"username\":\"" + victim + "\",\"currentPassword\":" + p
                + ",\"newPassword\":{\"a\":1}}");
        bodies.put("password null", "{\"username\":\"" + victim + "\",\"currentPassword\":null,\"newPassword\":" + p
                + "}");
        bodies.put("body is an array", "[" + change(victim, "a", "b") + "]");
        bodies.put("body is a string", "\"" + victim + "\"");
        bodies.put("body is a number", "42");
        bodies.put("body is null", "null");
        bodies.forEach((name, body) -> post(c, name, body, Set.of(400), "INVALID_REQUEST"));
        // no scalar is turned into text (StrictJson): a number is not a password, a boolean not a user name
        post(c, "passwords as numbers", "{\"username\":\"" + victim + "\",\"currentPassword\":12345678,"
                + "\"newPassword\":9.87e3}", Set.of(400), "INVALID_REQUEST");
        post(c, "user name true", "{\"username\":true,\"currentPassword\":" + p + ",\"newPassword\":" + p + "}",
                Set.of(400), "INVALID_REQUEST");
        post(c, "user name a number", "{\"username\":12345,\"currentPassword\":" + p + ",\"newPassword\":" + p + "}",
                Set.of(400), "INVALID_REQUEST");
    }

    private void emptyBodies() {
        String c = "empty bodies";
        post(c, "no body", "", Set.of(400), "INVALID_REQUEST");
        post(c, "whitespace", "  \n\t ", Set.of(400), "INVALID_REQUEST");
        post(c, "empty object", "{}", Set.of(400), "INVALID_REQUEST");
        post(c, "empty strings", change("", "", ""), Set.of(400), "INVALID_REQUEST");
        post(c, "blank passwords", change(victim, " ", "\t"), Set.of(400), "INVALID_REQUEST");
        post(c, "missing new password", "{\"username\":\"" + victim + "\",\"currentPassword\":\"Aa1!x\"}",
                Set.of(400), "INVALID_REQUEST");
    }

    private void contentTypes() {
        String c = "wrong content types";
        byte[] body = change(victim, TestDirectory.randomPassword(), TestDirectory.randomPassword())
                .getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "text/html",
                "application/json-patch+json", "image/png")) {
            portal(c, type, "POST", CHANGES, type, body, Set.of(415), "INVALID_REQUEST");
        }
        portal(c, "no content type", "POST", CHANGES, null, body, Set.of(415, 202), null);
        // Jackson detects the encoding itself: the declared charset does not matter to it
        portal(c, "JSON declared UTF-16, sent UTF-8", "POST", CHANGES, "application/json; charset=UTF-16", body,
                Set.of(202, 400, 415), null);
        portal(c, "garbage content type", "POST", CHANGES, "???/;;;", body, Set.of(400, 415), null);
    }

    private void methodsAndPaths() {
        String c = "methods and request ids";
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            portal(c, method + " " + CHANGES, method, CHANGES, "application/json",
                    method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8),
                    Set.of(405), "INVALID_REQUEST");
        }
        String requests = "/api/v1/requests/";
        portal(c, "request id not a UUID", "GET", requests + "not-a-uuid", null, null, Set.of(400),
                "INVALID_REQUEST");
        portal(c, "request id short UUID form", "GET", requests + "1-1-1-1-1", null, null, Set.of(400),
                "INVALID_REQUEST");
        portal(c, "request id 36 characters", "GET", requests + "x".repeat(36), null, null, Set.of(400),
                "INVALID_REQUEST");
        portal(c, "unknown request id", "GET", requests + UUID.randomUUID(), null, null, Set.of(404),
                "INVALID_REQUEST");
        portal(c, "request id with NUL", "GET", requests + "%00", null, null, Set.of(400, 404), "INVALID_REQUEST");
        portal(c, "request id SQL injection", "GET", requests + enc("' OR '1'='1"), null, null, Set.of(400, 404),
                "INVALID_REQUEST");
        portal(c, "request id 4 KB", "GET", requests + "a".repeat(4096), null, null, Set.of(400, 404, 414),
                null);
    }

    /**
     * The reset, unlock and registration steps. Every verification failure gets the one answer CODE_WRONG, so none of
     * these tells whether a flow or a user exists; flows named here do not exist, so no account's failures grow.
     */
    private void selfService() {
        String c = "self-service API";
        String resets = "/api/v1/password-resets";
        String unlocks = "/api/v1/account-unlocks";
        String registrations = "/api/v1/authenticator-registrations";
        for (String flow : List.of(resets, unlocks)) {
            selfServicePost(c, "start: not JSON", flow, "{", 400, "INVALID_REQUEST");
            selfServicePost(c, "start: no user name", flow, "{}", 400, "INVALID_REQUEST");
            selfServicePost(c, "start: user name a number", flow, "{\"username\":123}", 400, "INVALID_REQUEST");
            selfServicePost(c, "start: LDAP filter in user name", flow, "{\"username\":\"*)(cn=*\"}", 400,
                    "USERNAME_INVALID");
            selfServicePost(c, "start: 4 KB user name", flow, "{\"username\":\"" + "u".repeat(4096) + "\"}", 400,
                    "USERNAME_INVALID");
            String unknown = flow + "/" + UUID.randomUUID();
            String code = "{\"method\":\"email\",\"code\":\"123456\"}";
            selfServicePost(c, "verify: unknown flow", unknown + "/verify", code, 400, "CODE_WRONG");
            selfServicePost(c, "verify: flow id not a UUID", flow + "/not-a-uuid/verify", code, 400, "CODE_WRONG");
            selfServicePost(c, "verify: flow id SQL injection", flow + "/" + enc("' OR '1'='1") + "/verify", code,
                    400, "CODE_WRONG");
            selfServicePost(c, "verify: unknown method", unknown + "/verify",
                    "{\"method\":\"sms\",\"code\":\"123456\"}", 400, "CODE_WRONG");
            selfServicePost(c, "verify: letters as code", unknown + "/verify",
                    "{\"method\":\"email\",\"code\":\"12345a\"}", 400, "CODE_WRONG");
            selfServicePost(c, "verify: 4 KB code", unknown + "/verify",
                    "{\"method\":\"email\",\"code\":\"" + "1".repeat(4096) + "\"}", 400, "CODE_WRONG");
            selfServicePost(c, "verify: no body", unknown + "/verify", "", 400, "CODE_WRONG");
            selfServicePost(c, "complete: unknown flow", unknown + "/complete",
                    "{\"newPassword\":\"" + TestDirectory.randomPassword() + "\"}", 409, "VERIFICATION_INCOMPLETE");
            portal(c, "GET " + flow, "GET", flow, null, null, Set.of(405), "INVALID_REQUEST");
        }
        selfServicePost(c, "register: no current password", registrations, "{\"username\":\"" + victim + "\"}", 400,
                "INVALID_REQUEST");
        selfServicePost(c, "register: not JSON", registrations, "[", 400, "INVALID_REQUEST");
        selfServicePost(c, "register: LDAP filter in user name", registrations,
                "{\"username\":\"a*\",\"currentPassword\":\"x\"}", 400, "USERNAME_INVALID");
        String unknownRegistration = registrations + "/" + UUID.randomUUID();
        portal(c, "registration: unknown id", "GET", unknownRegistration, null, null, Set.of(404), "INVALID_REQUEST");
        portal(c, "registration: id not a UUID", "GET", registrations + "/x", null, null, Set.of(404),
                "INVALID_REQUEST");
        selfServicePost(c, "registration: verify unknown", unknownRegistration + "/verify",
                "{\"code\":\"123456\"}", 400, "CODE_WRONG");
        selfServicePost(c, "registration: confirm unknown", unknownRegistration + "/confirm",
                "{\"code\":\"123456\"}", 400, "CODE_WRONG");
    }

    private void selfServicePost(String category, String name, String path, String body, int status, String code) {
        portal(category, name, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8),
                Set.of(status), code);
    }

    // ------------------------------------------------------------------------------------------- audit API

    private void auditApi() {
        String c = "audit API";
        String events = "/api/v1/audit/events";
        Map<String, String> auditor = Map.of("Authorization", "Bearer " + auditorToken);
        audit(c, "no token", events, Map.of(), Set.of(401), "INVALID_REQUEST");
        audit(c, "not a JWT", events, Map.of("Authorization", "Bearer not.a.jwt"), Set.of(401), "INVALID_REQUEST");
        audit(c, "token signature changed", events, Map.of("Authorization", "Bearer " + tamperedToken()),
                Set.of(401), "INVALID_REQUEST");
        audit(c, "alg none token", events, Map.of("Authorization", "Bearer " + unsignedToken()), Set.of(401),
                "INVALID_REQUEST");
        audit(c, "Basic instead of Bearer", events, Map.of("Authorization", "Basic YWRtaW46YWRtaW4="), Set.of(401),
                "INVALID_REQUEST");
        audit(c, "token in the query string", events + "?access_token=" + auditorToken, Map.of(), Set.of(401),
                "INVALID_REQUEST");
        auditTokens(events);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("correlationId not a UUID", "correlationId=" + enc("' OR 1=1 --"));
        queries.put("limit 0", "limit=0");
        queries.put("limit too big", "limit=1000000");
        queries.put("limit not a number", "limit=" + enc("1;DROP TABLE audit"));
        queries.put("result unknown", "result=maybe");
        queries.put("from not an instant", "from=yesterday");
        queries.put("from without an offset", "from=2026-01-31T00:00:00");
        queries.put("from SQL injection", "from=" + enc("2026-01-31T00:00:00Z' OR '1'='1"));
        queries.put("to before from", "from=2026-02-01T00:00:00Z&to=2026-01-31T00:00:00Z");
        queries.put("from equal to to", "from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z");
        queries.put("NUL in activity", "activity=a%00b");
        queries.put("NUL in targetUser", "targetUser=" + victim + "%00x");
        queries.put("line feed in initiatedBy", "initiatedBy=a%0Ab");
        queries.put("4 KB category", "category=" + "c".repeat(4096));
        queries.put("257 characters of targetUser", "targetUser=" + "u".repeat(257));
        queries.put("cursor not base64", "cursor=" + enc("not a cursor!"));
        queries.put("cursor of the wrong length", "cursor=AAAA");
        queries.put("cursor of another version", "cursor=" + cursor(2, 0, 0));
        queries.put("cursor past Instant's range", "cursor=" + cursor(1, Long.MAX_VALUE, 0));
        queries.forEach((name, query) -> audit(c, name, events + "?" + query, auditor, Set.of(400),
                "INVALID_REQUEST"));
        Map<String, String> harmless = new LinkedHashMap<>();
        harmless.put("SQL injection in category", "category=" + enc("' OR 1=1 --"));
        harmless.put("SQL injection in activity", "activity=" + enc("x'); DELETE FROM audit.audit_records; --"));
        harmless.put("SQL injection in targetUser", "targetUser=" + enc(victim + "' OR '1'='1"));
        harmless.put("SQL injection in initiatedBy", "initiatedBy=" + enc("x') OR true; --"));
        // around the value, a NUL is trimmed like a blank: the filter is then the rest, or none
        harmless.put("NUL as the category", "category=%00");
        harmless.put("NUL after targetUser", "targetUser=" + victim + "%00");
        harmless.put("lone surrogate bytes in category", "category=%ED%A0%80");
        harmless.put("invalid UTF-8 in activity", "activity=%FF%FE");
        harmless.put("LIKE wildcards in category", "category=" + enc("%_%"));
        harmless.put("LIKE wildcards in targetUser", "targetUser=" + enc("%"));
        harmless.put("every filter at once", "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00%2B02:00&category="
                + enc("Self-service Password Management") + "&activity=" + enc("Change password (self-service)")
                + "&result=failure&targetUser=" + victim + "&initiatedBy=" + victim + "&correlationId="
                + UUID.randomUUID() + "&limit=1");
        // beyond what PostgreSQL's timestamptz holds (294276 AD): refused or matching nothing, never a 500
        harmless.put("from in the year 999999999", "from=" + enc("+999999999-12-31T23:59:59Z"));
        harmless.put("to before the year -999999999", "to=" + enc("-999999999-01-01T00:00:00Z"));
        harmless.put("cursor 31 million years ahead", "cursor=" + cursor(1, 1_000_000_000_000_000L, 0));
        harmless.put("cursor 31 million years ago", "cursor=" + cursor(1, -1_000_000_000_000_000L, 0));
        harmless.forEach((name, query) -> audit(c, name, events + "?" + query, auditor, Set.of(200, 400), null));

        String t = "audit API: timeline, CSV and chain";
        audit(t, "timeline of a non-UUID", events + "/" + enc("' OR 1=1 --") + "/timeline", auditor, Set.of(400, 404),
                "INVALID_REQUEST");
        audit(t, "timeline limit 0", events + "/" + UUID.randomUUID() + "/timeline?limit=0", auditor, Set.of(400),
                "INVALID_REQUEST");
        audit(t, "timeline forged cursor", events + "/" + UUID.randomUUID() + "/timeline?cursor=AAAA", auditor,
                Set.of(400), "INVALID_REQUEST");
        audit(t, "timeline without a token", events + "/" + UUID.randomUUID() + "/timeline", Map.of(), Set.of(401),
                "INVALID_REQUEST");
        Map<String, String> csv = Map.of("Authorization", "Bearer " + auditorToken, "Accept", "text/csv");
        audit(t, "CSV with limit 0", events + "?limit=0", csv, Set.of(400), "INVALID_REQUEST");
        audit(t, "CSV with from after to", events + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", csv,
                Set.of(400), "INVALID_REQUEST");
        audit(t, "CSV without a token", events, Map.of("Accept", "text/csv"), Set.of(401), null);
        for (String chain : List.of("/api/v1/audit/verify", "/api/v1/audit/checkpoints", "/api/v1/audit/chain")) {
            audit(t, chain + " without a token", chain, Map.of(), Set.of(401), null);
            audit(t, chain + " with a help desk token", chain, bearer(helpdeskForAudit()), Set.of(403), null);
            audit(t, chain + " fromSequence not a number", chain + "?fromSequence=" + enc("1 OR 1=1"), auditor,
                    Set.of(400), "INVALID_REQUEST");
            audit(t, chain + " fromSequence negative", chain + "?fromSequence=-1", auditor, Set.of(400),
                    "INVALID_REQUEST");
            audit(t, chain + " fromSequence past a long", chain + "?fromSequence=99999999999999999999", auditor,
                    Set.of(400), "INVALID_REQUEST");
        }
        audit(t, "verify from a sequence no checkpoint has", "/api/v1/audit/verify?fromSequence=" + Long.MAX_VALUE,
                auditor, Set.of(400), "INVALID_REQUEST");
    }

    /**
     * Tokens the audit service must refuse although the stack's key signed them: each breaks one rule (audience,
     * age, expiry, issuer, group), so a check that was dropped shows as a 200.
     */
    private void auditTokens(String events) {
        String c = "audit API tokens";
        Instant now = Instant.now();
        List<String> auditors = List.of("auditor");
        Set<String> audience = Set.of(StackTokens.AUDIT_AUDIENCE);
        audit(c, "without an audience", events, bearer(StackTokens.signWithStackKey(StackTokens.claims(
                StackTokens.ISSUER, Set.of(), auditors, now.minusSeconds(5), Duration.ofMinutes(10)))), Set.of(401),
                "INVALID_REQUEST");
        audit(c, "for another audience", events, bearer(StackTokens.signWithStackKey(StackTokens.claims(
                StackTokens.ISSUER, Set.of("sspr-portal"), auditors, now.minusSeconds(5), Duration.ofMinutes(10)))),
                Set.of(401), "INVALID_REQUEST");
        audit(c, "issued two hours ago, not expired", events, bearer(StackTokens.signWithStackKey(StackTokens.claims(
                StackTokens.ISSUER, audience, auditors, now.minus(Duration.ofHours(2)), Duration.ofHours(3)))),
                Set.of(401), "INVALID_REQUEST");
        audit(c, "expired", events, bearer(StackTokens.signWithStackKey(StackTokens.claims(StackTokens.ISSUER,
                audience, auditors, now.minus(Duration.ofMinutes(20)), Duration.ofMinutes(10)))), Set.of(401),
                "INVALID_REQUEST");
        audit(c, "another issuer", events, bearer(StackTokens.signWithStackKey(StackTokens.claims("urn:e2e:attacker",
                audience, auditors, now.minusSeconds(5), Duration.ofMinutes(10)))), Set.of(401), "INVALID_REQUEST");
        try {
            audit(c, "signed by a key nobody trusts", events, bearer(StackTokens.signedByStranger(auditors)),
                    Set.of(401), "INVALID_REQUEST");
        } catch (Exception e) {
            throw new IllegalStateException("could not make a stranger's key", e);
        }
        audit(c, "the help desk's, for the audit audience", events, bearer(helpdeskForAudit()), Set.of(403),
                "ACCESS_DENIED");
        audit(c, "the help desk's stack token", events, bearer(helpdeskToken), Set.of(401, 403), null);
    }

    /** A verified token of the audit service's audience whose group is not auditor: a 403, not a 401. */
    private static String helpdeskForAudit() {
        return StackTokens.signWithStackKey(StackTokens.claims(StackTokens.ISSUER, Set.of(StackTokens.AUDIT_AUDIENCE),
                List.of("helpdesk"), Instant.now().minusSeconds(5), Duration.ofMinutes(10)));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** A cursor as the audit service encodes one (version, seconds, nanoseconds, id), with any values. */
    private static String cursor(int version, long epochSecond, int nanos) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 + 8 + 4 + 16).put((byte) version)
                .putLong(epochSecond).putInt(nanos).putLong(0).putLong(0);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    // ------------------------------------------------------------------------------------------- validator API

    private void policyApi() {
        String c = "policy API user names";
        String policy = "/api/v1/policy/";
        Map<String, String> helpdesk = Map.of("Authorization", "Bearer " + helpdeskToken);
        for (String special : List.of("*", "(", ")", "\\", "/", ",", "=", "+", "<", ">", "#", ";", "\"", " ")) {
            validator(c, "'" + special + "' after the name", policy + enc(victim + special), helpdesk,
                    Set.of(400, 404), null);
        }
        validator(c, "NUL", policy + victim + "%00", helpdesk, Set.of(400, 404), null);
        validator(c, "lone surrogate bytes", policy + victim + "%ED%A0%80", helpdesk, Set.of(400, 404), null);
        validator(c, "filter injection", policy + enc("*)(objectClass=*"), helpdesk, Set.of(400, 404), null);
        validator(c, "unknown user", policy + "nosuchuser" + Integer.toHexString(victim.hashCode()), helpdesk,
                Set.of(404), "USER_NOT_FOUND");

        // Whether an account exists is the help desk's to ask: anyone else is refused before the directory is.
        String a = "policy API tokens";
        String named = policy + victim;
        String unknown = policy + "nosuchuser" + Integer.toHexString(victim.hashCode());
        validator(a, "no token, known account", named, Map.of(), Set.of(401), "INVALID_REQUEST");
        validator(a, "no token, unknown account", unknown, Map.of(), Set.of(401), "INVALID_REQUEST");
        validator(a, "not a JWT", named, Map.of("Authorization", "Bearer not.a.jwt"), Set.of(401), "INVALID_REQUEST");
        validator(a, "token signature changed", named, Map.of("Authorization", "Bearer " + tampered(helpdeskToken)),
                Set.of(401), "INVALID_REQUEST");
        validator(a, "alg none token", named, Map.of("Authorization", "Bearer " + unsigned(helpdeskToken)),
                Set.of(401), "INVALID_REQUEST");
        validator(a, "Basic instead of Bearer", named, Map.of("Authorization", "Basic YWRtaW46YWRtaW4="),
                Set.of(401), "INVALID_REQUEST");
        validator(a, "an auditor's token", named, Map.of("Authorization", "Bearer " + auditorToken), Set.of(403),
                "ACCESS_DENIED");
        validator(a, "the help desk's token", named, helpdesk, Set.of(200), null);
        validator(a, "the domain's policy needs none", "/api/v1/policy", Map.of(), Set.of(200), null);
    }

    // ------------------------------------------------------------------------------------------- sending

    /**
     * Sends one case; an I/O failure is recorded as status -1 (no answer). A body over the limit goes over a
     * connection of its own, written by hand: the server answers 413 and closes it while the body is still coming,
     * which a pooled client reports as a broken connection rather than the answer.
     */
    static Answer send(HttpClient client, Map<String, String> baseUrls, HttpCase c) {
        if (c.body() != null && c.body().length > 16 * 1024) {
            return sendOwnConnection(URI.create(baseUrls.get(c.service()) + c.path()), c);
        }
        Answer answer = sendPooled(client, baseUrls, c);
        // a pooled connection the server had just closed: once more on a fresh one
        return answer.status() < 0 ? sendPooled(client, baseUrls, c) : answer;
    }

    private static Answer sendOwnConnection(URI uri, HttpCase c) {
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(c.method() + " " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nConnection: close\r\n");
            if (c.contentType() != null) {
                head.append("Content-Type: ").append(c.contentType()).append("\r\n");
            }
            head.append(c.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + c.body().length
                    + "\r\n").append("\r\n");
            java.io.OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                if (c.chunked()) {
                    for (int at = 0; at < c.body().length; at += 4096) {
                        int length = Math.min(4096, c.body().length - at);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(c.body(), at, length);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(c.body());
                }
                out.flush();
            } catch (IOException e) {
                // the server stopped reading: its answer is already on the way
            }
            byte[] response = socket.getInputStream().readAllBytes();
            String text = new String(response, StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            String body = bodyStart < 0 ? "" : text.substring(bodyStart + 4);
            if (text.substring(0, Math.max(bodyStart, 0)).toLowerCase(java.util.Locale.ROOT)
                    .contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2); // one chunk is all an error body needs
            }
            String code = null;
            if (body.trim().startsWith("{")) {
                JsonNode json = JSON.readTree(body.substring(0, body.lastIndexOf('}') + 1));
                code = json.path("code").isTextual() ? json.get("code").asText() : null;
            }
            return new Answer(status, code, body);
        } catch (IOException | RuntimeException e) {
            return new Answer(-1, null, e.getClass().getSimpleName());
        }
    }

    private static Answer sendPooled(HttpClient client, Map<String, String> baseUrls, HttpCase c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrls.get(c.service()) + c.path()))
                .timeout(Duration.ofSeconds(20));
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : c.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(c.body());
        request.method(c.method(), body);
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        c.headers().forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String code = null;
            String text = response.body();
            if (text != null && text.trim().startsWith("{")) {
                try {
                    JsonNode json = JSON.readTree(text);
                    code = json.path("code").isTextual() ? json.get("code").asText() : null;
                } catch (IOException e) {
                    code = null;
                }
            }
            return new Answer(response.statusCode(), code, text);
        } catch (IOException e) {
            return new Answer(-1, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void changeWithUsername(String category, String name, String username) {
        post(category, name, change(username, "Aa1!" + TestDirectory.randomPassword(), TestDirectory.randomPassword()),
                Set.of(400), "USERNAME_INVALID");
    }

    private void post(String category, String name, String body, Set<Integer> statuses, String code) {
        portal(category, name, "POST", CHANGES, "application/json", body.getBytes(StandardCharsets.UTF_8), statuses,
                code);
    }

    private void portal(String category, String name, String method, String path, String contentType, byte[] body,
            Set<Integer> statuses, String code) {
        cases.add(new HttpCase(category, name, "reset-portal", method, path, contentType, body, false, Map.of(),
                statuses, code));
    }

    private void audit(String category, String name, String path, Map<String, String> headers, Set<Integer> statuses,
            String code) {
        cases.add(new HttpCase(category, name, "audit-service", "GET", path, null, null, false, headers, statuses,
                code));
    }

    private void validator(String category, String name, String path, Map<String, String> headers,
            Set<Integer> statuses, String code) {
        cases.add(new HttpCase(category, name, "policy-validator", "GET", path, null, null, false, headers, statuses,
                code));
    }

    /** A change body as a client that does its own JSON would write it. */
    private static String change(String username, String current, String next) {
        ObjectNode body = JSON.createObjectNode();
        body.put("username", username);
        body.put("currentPassword", current);
        body.put("newPassword", next);
        return body.toString();
    }

    /** A change body whose values are written as given, so JSON escapes such as \ud800 stay escapes. */
    private static String rawChange(String username, String current, String next) {
        return "{\"username\":\"" + username + "\",\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next
                + "\"}";
    }

    private String tamperedToken() {
        return tampered(auditorToken);
    }

    private static String tampered(String token) {
        int dot = token.lastIndexOf('.');
        String signature = token.substring(dot + 1);
        char first = signature.charAt(0) == 'A' ? 'B' : 'A';
        return token.substring(0, dot + 1) + first + signature.substring(1);
    }

    /** The auditor token's claims under {"alg":"none"} and no signature. */
    private String unsignedToken() {
        return unsigned(auditorToken);
    }

    /** A token's claims under {"alg":"none"} and no signature. */
    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Object[] seq(int n) {
        Object[] numbers = new Object[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = i;
        }
        return numbers;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
