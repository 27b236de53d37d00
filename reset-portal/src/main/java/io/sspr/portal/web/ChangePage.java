package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.events.ResultCode;
import io.sspr.portal.rest.ClientAddress;
import io.sspr.portal.service.PasswordChangeService;
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
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The change page (the user knows the current password): a form that POSTs to itself and 303s to the request. */
@Path("/")
@Produces(Pages.HTML)
public class ChangePage {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance change(Frame frame, String username, List<String> rules);
    }

    /** Fields a refusal may be about, by the refusal's code. */
    private static final String USERNAME = "username";
    private static final String NEW_PASSWORD = "new-password";
    private static final String CONFIRM_PASSWORD = "confirm-password";

    private final PasswordChangeService changes;
    private final Pages pages;

    public ChangePage(PasswordChangeService changes, Pages pages) {
        this.changes = changes;
        this.pages = pages;
    }

    @GET
    public Response show(@RestCookie(FormTokens.COOKIE) String cookie, @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        return pages.show(Templates.change(frame, "", pages.policyRules()), frame, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@BeanParam FormToken token, @RestForm String username, @RestForm String currentPassword,
            @RestForm String newPassword, @RestForm String confirmPassword, @Context HttpServerRequest http) {
        pages.requireToken(token, "change");
        Frame frame = pages.frame(token.cookie);
        String typed = username == null ? "" : username;
        if (newPassword != null && !newPassword.isEmpty() && !newPassword.equals(confirmPassword)) {
            return pages.show(400, Templates.change(frame.withError(PageError.of(ResultCode.NEW_PASSWORDS_DIFFERENT,
                    CONFIRM_PASSWORD)), typed, pages.policyRules()), frame, http);
        }
        try {
            UUID requestId = changes.submit(username, currentPassword, newPassword, ClientAddress.of(http));
            return Pages.seeOther(RequestPage.PATH + requestId);
        } catch (RequestRefusedException refused) {
            return pages.refused(refused, Templates.change(frame.withError(PageError.of(refused,
                    fieldOf(refused.code()))), typed, pages.policyRules()), frame, http);
        }
    }

    @ServerExceptionMapper
    public Response failed(Exception failure, HttpHeaders headers, HttpServerRequest http) {
        return pages.failed(failure, headers, http);
    }

    private static String fieldOf(ResultCode code) {
        return switch (code) {
            case USERNAME_INVALID -> USERNAME;
            case PASSWORD_TOO_LONG, PASSWORD_INVALID_CHARACTERS -> NEW_PASSWORD;
            default -> null;
        };
    }
}
