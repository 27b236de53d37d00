package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.events.ResultCode;
import io.sspr.portal.service.HelpdeskService;
import io.sspr.portal.service.HelpdeskService.TemporaryPassword;
import io.sspr.portal.service.RequestRefusedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The help desk's page: reset a password to a generated one shown once, or unlock an account. */
@Path("/helpdesk")
@Produces(Pages.HTML)
public class HelpdeskPage {
    private static final String[] ROLES = { "helpdesk", "admin" };

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance helpdesk(Frame frame);

        static native TemplateInstance temporary(Frame frame, String username, String password, boolean mustChange,
                UUID requestId);
    }

    private final HelpdeskService helpdesk;
    private final StaffSession session;
    private final Pages pages;

    public HelpdeskPage(HelpdeskService helpdesk, StaffSession session, Pages pages) {
        this.helpdesk = helpdesk;
        this.session = session;
        this.pages = pages;
    }

    @GET
    public Response show(@RestCookie(FormTokens.COOKIE) String cookie, @RestCookie(StaffSession.COOKIE) String staff,
            @Context HttpServerRequest http) {
        StaffPage page = StaffPage.check(session, staff, ROLES);
        if (!page.allowed()) {
            return pages.staffOnly(page, cookie, http);
        }
        Frame frame = pages.frame(cookie);
        return pages.show(Templates.helpdesk(frame), frame, http);
    }

    @POST
    @Path("/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@BeanParam FormToken form, @RestCookie(StaffSession.COOKIE) String staff,
            @RestForm String username, @RestForm boolean mustChangeAtNextLogon, @Context HttpServerRequest http) {
        pages.requireToken(form, "helpdesk-reset");
        StaffPage page = StaffPage.check(session, staff, ROLES);
        if (!page.allowed()) {
            return pages.staffOnly(page, form.cookie, http);
        }
        Frame frame = pages.frame(form.cookie);
        try {
            TemporaryPassword reset = helpdesk.resetPassword(username, mustChangeAtNextLogon, page.operator());
            return pages.show(Templates.temporary(frame, username, reset.temporaryPassword(), mustChangeAtNextLogon,
                    reset.requestId()), frame, http);
        } catch (RequestRefusedException refused) {
            return refused(refused, "reset-username", frame, http);
        }
    }

    @POST
    @Path("/unlock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unlock(@BeanParam FormToken form, @RestCookie(StaffSession.COOKIE) String staff,
            @RestForm String username, @Context HttpServerRequest http) {
        pages.requireToken(form, "helpdesk-unlock");
        StaffPage page = StaffPage.check(session, staff, ROLES);
        if (!page.allowed()) {
            return pages.staffOnly(page, form.cookie, http);
        }
        try {
            return Pages.seeOther(RequestPage.PATH + helpdesk.unlock(username, page.operator()));
        } catch (RequestRefusedException refused) {
            return refused(refused, "unlock-username", pages.frame(form.cookie), http);
        }
    }

    private Response refused(RequestRefusedException refused, String field, Frame frame, HttpServerRequest http) {
        boolean aboutName = refused.code() == ResultCode.USERNAME_INVALID || refused.code() == ResultCode.INVALID_REQUEST;
        return pages.refused(refused, Templates.helpdesk(frame.withError(PageError.of(refused, aboutName ? field
                : null))), frame, http);
    }

    @ServerExceptionMapper
    public Response failed(Exception failure, HttpHeaders headers, HttpServerRequest http) {
        return pages.failed(failure, headers, http);
    }
}
