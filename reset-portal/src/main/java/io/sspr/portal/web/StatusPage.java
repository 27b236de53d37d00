package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.portal.service.WritebackStatusService;
import io.sspr.portal.service.WritebackStatusService.State;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;

/** Whether password reset works right now, for anyone, as GET /api/v1/status tells it. */
@Path("/status")
@Produces(Pages.HTML)
public class StatusPage {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance status(Frame frame, State state, String since);
    }

    private final WritebackStatusService writeback;
    private final Pages pages;

    public StatusPage(WritebackStatusService writeback, Pages pages) {
        this.writeback = writeback;
        this.pages = pages;
    }

    @GET
    public Response show(@RestCookie(FormTokens.COOKIE) String cookie, @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        State state = writeback.state();
        return pages.show(Templates.status(frame, state, PageError.format(state.since())), frame, http);
    }
}
