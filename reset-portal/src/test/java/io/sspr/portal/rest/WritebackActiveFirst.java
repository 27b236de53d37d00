package io.sspr.portal.rest;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Before every test: writeback is Active. A portal that has just started reads the heartbeats and settings from the
 * start of their topics and refuses requests until it has caught up, as it should; the tests wait for that instead
 * of racing it. {@link WritebackFacts#reset} made them Active when the test resource started.
 */
public class WritebackActiveFirst implements QuarkusTestBeforeEachCallback {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        URI status = URI.create(TestHTTPResourceManager.getUri() + "/api/v1/status");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> HTTP.send(
                HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).body()
                .contains("\"writebackStatus\":\"Active\""));
    }
}
