package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.events.json.EventJson;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused by the HTTP layer before any resource sees it, with
 * 413 and an empty body; this answers it in the API's error shape ({@code {"code","message"}}) like every other
 * refusal. Nothing of the body is read or echoed.
 */
@ApplicationScoped
public class BodyTooLargeHandler {
    static final String MESSAGE = "The request is too large. Send only the user name and the two passwords.";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                context.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .end(EventJson.write(ErrorResponse.of(ResultCode.INVALID_REQUEST, MESSAGE)));
            } else {
                context.next();
            }
        });
    }
}
