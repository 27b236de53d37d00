package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.events.ResultCode;
import io.sspr.portal.persistence.AuthenticatorRegistration.State;
import io.sspr.portal.rest.ClientAddress;
import io.sspr.portal.rest.Ids;
import io.sspr.portal.service.AuthenticatorEnrolment;
import io.sspr.portal.service.AuthenticatorRegistrationService;
import io.sspr.portal.service.AuthenticatorRegistrationService.RegistrationView;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Setting up an authenticator app (/register): user name and current password, a page that waits for the directory
 * to confirm the password (reload it, or let the script do it), the mailed code, then the app's QR code and key and
 * its first code. Each form POSTs and answers 303 to {@code /register/<id>}, which shows the registration's state.
 *
 * <p>The app's key is shown again on reload only to the browser that entered the mailed code: that browser gets a
 * cookie with a MAC of the registration and its form cookie ({@link FormTokens#enrolmentProof}); the link alone shows
 * the form for the app's code, never the key.
 */
@Path("/register")
@Produces(Pages.HTML)
public class RegistrationPages {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(Frame frame, String username);

        static native TemplateInstance status(Frame frame, RegistrationView view, AuthenticatorEnrolment enrolment);

        static native TemplateInstance gone(Frame frame);
    }

    static final String PATH = "/register/";

    private final AuthenticatorRegistrationService registrations;
    private final FormTokens tokens;
    private final Pages pages;

    public RegistrationPages(AuthenticatorRegistrationService registrations, FormTokens tokens, Pages pages) {
        this.registrations = registrations;
        this.tokens = tokens;
        this.pages = pages;
    }

    @GET
    public Response start(@RestCookie(FormTokens.COOKIE) String cookie, @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        return pages.show(Templates.start(frame, ""), frame, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response begin(@BeanParam FormToken token, @RestForm String username, @RestForm String currentPassword,
            @Context HttpServerRequest http) {
        pages.requireToken(token, "register-start");
        Frame frame = pages.frame(token.cookie);
        try {
            UUID registrationId = registrations.start(username, currentPassword, ClientAddress.of(http));
            return Pages.seeOther(PATH + registrationId);
        } catch (RequestRefusedException refused) {
            String field = refused.code() == ResultCode.USERNAME_INVALID ? "username" : null;
            return pages.refused(refused, Templates.start(frame.withError(PageError.of(refused, field)),
                    username == null ? "" : username), frame, http);
        }
    }

    @GET
    @Path("/{id}")
    public Response show(@RestPath String id, @RestCookie(FormTokens.COOKIE) String cookie,
            @RestCookie(FormTokens.ENROLMENT_COOKIE) String proof, @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        return page(Ids.parse(id), frame, proof, http, null);
    }

    /** The mailed code: when right, this browser may see the app's key until the app's first code confirms it. */
    @POST
    @Path("/{id}/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@RestPath String id, @BeanParam FormToken token, @RestForm String code,
            @Context HttpServerRequest http) {
        pages.requireToken(token, "register-verify");
        Frame frame = pages.frame(token.cookie);
        UUID registrationId = Ids.parse(id);
        try {
            registrations.verifyMailCode(registrationId, code, ClientAddress.of(http));
        } catch (RequestRefusedException refused) {
            return page(registrationId, frame.withError(PageError.of(refused, "code")), null, http, refused);
        }
        return Response.fromResponse(Pages.seeOther(PATH + registrationId))
                .cookie(FormTokens.enrolmentCookie(registrationId, tokens.enrolmentProof(registrationId, token.cookie),
                        Pages.isSecure(http)))
                .build();
    }

    /** The app's first code: when right, the app is saved for the account. */
    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@RestPath String id, @BeanParam FormToken token, @RestForm String code,
            @RestCookie(FormTokens.ENROLMENT_COOKIE) String proof, @Context HttpServerRequest http) {
        pages.requireToken(token, "register-confirm");
        Frame frame = pages.frame(token.cookie);
        UUID registrationId = Ids.parse(id);
        try {
            registrations.confirm(registrationId, code, ClientAddress.of(http));
        } catch (RequestRefusedException refused) {
            return page(registrationId, frame.withError(PageError.of(refused, "code")), proof, http, refused);
        }
        return Pages.seeOther(PATH + registrationId);
    }

    @ServerExceptionMapper
    public Response failed(Exception failure, HttpHeaders headers, HttpServerRequest http) {
        return pages.failed(failure, headers, http);
    }

    /** The registration's page; with a refusal, the form re-shown with it and its status. */
    private Response page(UUID registrationId, Frame frame, String proof, HttpServerRequest http,
            RequestRefusedException refused) {
        RegistrationView view = registrationId == null ? null : registrations.view(registrationId).orElse(null);
        if (view == null) {
            return pages.show(404, Templates.gone(frame), frame, http);
        }
        AuthenticatorEnrolment enrolment = view.state() == State.SECRET_ISSUED
                && tokens.provesEnrolment(registrationId, frame.cookie(), proof)
                        ? registrations.issuedEnrolment(registrationId).orElse(null) : null;
        TemplateInstance page = Templates.status(frame, view, enrolment);
        return refused == null ? pages.show(page, frame, http) : pages.refused(refused, page, frame, http);
    }
}
