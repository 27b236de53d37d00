package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.events.RequestStatus;
import io.sspr.portal.rest.Ids;
import io.sspr.portal.rest.RequestStatusResponse;
import io.sspr.portal.service.RequestStatusService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where a request stands, as the pipeline answered: reload it, or let the script reload it when the status moves (no
 * {@code <meta http-equiv=refresh>}: a page that reloads itself on a timer is an accessibility failure, WCAG 2.2.1).
 */
@Path("/requests")
@Produces(Pages.HTML)
public class RequestPage {
    static final String PATH = "/requests/";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance status(Frame frame, RequestView request);

        static native TemplateInstance unknown(Frame frame);
    }

    /** A request's answer with the words of its status. */
    public record RequestView(RequestStatusResponse answer, String heading, boolean finished, boolean succeeded) {
        static RequestView of(RequestStatusResponse answer) {
            RequestStatus status = RequestStatus.valueOf(answer.status());
            return new RequestView(answer, heading(status, answer.operation()), status.isTerminal(),
                    status == RequestStatus.SUCCEEDED);
        }

        private static String heading(RequestStatus status, String operation) {
            boolean unlock = "UNLOCK".equals(operation);
            return switch (status) {
                case ACCEPTED -> "Request received";
                case VALIDATED -> unlock ? "Request checked" : "New password accepted by the policy";
                case SUCCEEDED -> unlock ? "Account unlocked" : "Password changed";
                case REJECTED -> unlock ? "Account not unlocked" : "Password not accepted";
                case FAILED -> unlock ? "Account not unlocked" : "Password not changed";
                case EXPIRED -> "Request expired";
            };
        }
    }

    private final RequestStatusService statuses;
    private final Pages pages;

    public RequestPage(RequestStatusService statuses, Pages pages) {
        this.statuses = statuses;
        this.pages = pages;
    }

    @GET
    @Path("/{id}")
    public Response show(@RestPath String id, @RestCookie(FormTokens.COOKIE) String cookie,
            @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        UUID requestId = Ids.parse(id);
        return (requestId == null ? java.util.Optional.<RequestView>empty()
                : statuses.find(requestId).map(RequestStatusResponse::from).map(RequestView::of))
                .map(view -> pages.show(Templates.status(frame, view), frame, http))
                .orElseGet(() -> pages.show(404, Templates.unknown(frame), frame, http));
    }

    @ServerExceptionMapper
    public Response failed(Exception failure, HttpHeaders headers, HttpServerRequest http) {
        return pages.failed(failure, headers, http);
    }
}
