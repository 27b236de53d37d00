package io.sspr.portal.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.sspr.events.ResultCode;
import io.sspr.events.json.EventJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused before anything reads it, as the
 * HTTP layer would (413, connection closed), but in the API's error shape ({@code {"code","message"}}) like every
 * other refusal; the HTTP layer's own check stays behind it (and still answers a chunked body that grows past the
 * limit, with an empty 413). Nothing of the body is read or echoed.
 */
@ApplicationScoped
public class BodyTooLargeHandler {
    static final String MESSAGE = "The request is too large. Send only the user name and the two passwords.";

    private final long limit;

    public BodyTooLargeHandler(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        // right after Quarkus' own first routes, among them the quarkus.http.header ones (Integer.MIN_VALUE), so the
        // 413 carries the security headers like every other answer; still before anything reads the body
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseDeclaredTooLarge);
    }

    private void refuseDeclaredTooLarge(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP layer answers a broken header itself
        }
        if (length <= limit) {
            context.next();
            return;
        }
        context.response().setStatusCode(413).putHeader("Connection", "close")
                .putHeader("Content-Type", "application/json")
                .end(EventJson.write(ErrorResponse.of(ResultCode.INVALID_REQUEST, MESSAGE)));
    }
}
