package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where admins and the help desk sign in with the token their organisation issued them, and what their roles lead
 * to. The token is verified before the cookie is set; it is never shown back.
 */
@Path(StaffSession.SIGN_IN)
@Produces(Pages.HTML)
public class StaffPages {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(Frame frame);

        static native TemplateInstance signedIn(Frame frame, String name, boolean admin, boolean helpdesk);
    }

    private final StaffSession session;
    private final Pages pages;

    public StaffPages(StaffSession session, Pages pages) {
        this.session = session;
        this.pages = pages;
    }

    @GET
    public Response show(@RestCookie(FormTokens.COOKIE) String cookie,
            @RestCookie(StaffSession.COOKIE) String staffToken, @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        Optional<JsonWebToken> token = session.verify(staffToken);
        if (token.isEmpty()) {
            return pages.show(Templates.signIn(frame), frame, http);
        }
        JsonWebToken staff = token.get();
        return pages.show(Templates.signedIn(frame, staff.getName(), StaffSession.hasRole(staff, "admin"),
                StaffSession.hasRole(staff, "helpdesk", "admin")), frame, http);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@BeanParam FormToken form, @RestForm String token, @Context HttpServerRequest http) {
        pages.requireToken(form, "staff-sign-in");
        Optional<JsonWebToken> verified = session.verify(token);
        if (verified.isEmpty()) {
            Frame frame = pages.frame(form.cookie);
            return pages.show(401, Templates.signIn(frame.withError(new PageError("TOKEN_INVALID",
                    "This token was not accepted: it is expired, malformed, or not from your organisation's issuer. "
                            + "Get a new one and try again.", "token", null))), frame, http);
        }
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, StaffSession.SIGN_IN)
                .cookie(StaffSession.cookie(verified.get(), token, Pages.isSecure(http))).build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@BeanParam FormToken form, @Context HttpServerRequest http) {
        pages.requireToken(form, "staff-sign-out");
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, StaffSession.SIGN_IN)
                .cookie(StaffSession.cleared(Pages.isSecure(http))).build();
    }

    @ServerExceptionMapper
    public Response failed(Exception failure, HttpHeaders headers, HttpServerRequest http) {
        return pages.failed(failure, headers, http);
    }
}
