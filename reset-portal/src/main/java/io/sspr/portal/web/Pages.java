package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.events.ResultCode;
import io.sspr.portal.rest.RequestRefusedExceptionMapper;
import io.sspr.portal.rest.UnexpectedExceptionMapper;
import io.sspr.portal.service.OutcomeRecorder;
import io.sspr.portal.service.WritebackStatusService;
import io.sspr.portal.service.PasswordPolicyService;
import io.sspr.portal.service.RequestRefusedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What the page resources share: the frame of a page (its form token, its error), answering with a page or a 303, the
 * policy's rules for a new password, and the error page for anything a page's own code did not answer.
 */
@ApplicationScoped
public class Pages {
    public static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    private static final Logger LOG = Logger.getLogger(Pages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(Frame frame, String title, List<Link> links);
    }

    /** A link an error page offers to go on. */
    public record Link(String href, String text) {
    }

    private final FormTokens tokens;
    private final PasswordPolicyService policies;
    private final OutcomeRecorder outcomes;
    private final WritebackStatusService writeback;

    public Pages(FormTokens tokens, PasswordPolicyService policies, OutcomeRecorder outcomes,
            WritebackStatusService writeback) {
        this.tokens = tokens;
        this.policies = policies;
        this.outcomes = outcomes;
        this.writeback = writeback;
    }

    /** The frame of a page for the browser's form cookie (a new one when it has none). */
    public Frame frame(String cookie) {
        String value = tokens.cookieOrNew(cookie);
        return new Frame(tokens.fieldFor(value), null, value, !value.equals(cookie),
                writeback.state().active() ? null : ResultCode.WRITEBACK_INACTIVE.defaultMessage());
    }

    /** @throws FormTokenRefusedException when the form did not come with a valid token (answered with a 403 page) */
    public void requireToken(FormToken token, String form) {
        try {
            tokens.require(token);
        } catch (FormTokenRefusedException e) {
            outcomes.formRefused(form);
            throw e;
        }
    }

    /** A page, with the form cookie when the browser had none. */
    public Response show(int status, TemplateInstance page, Frame frame, HttpServerRequest http) {
        return answer(status, page, frame, http).build();
    }

    public Response show(TemplateInstance page, Frame frame, HttpServerRequest http) {
        return show(200, page, frame, http);
    }

    /** The form is re-shown with the refusal: its status, and when to come back from a block or a limit. */
    public Response refused(RequestRefusedException refusal, TemplateInstance page, Frame frame,
            HttpServerRequest http) {
        Response.ResponseBuilder answer = answer(RequestRefusedExceptionMapper.statusOf(refusal.code()), page, frame,
                http);
        RequestRefusedExceptionMapper.retryAfterSeconds(refusal)
                .ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        return answer.build();
    }

    private Response.ResponseBuilder answer(int status, TemplateInstance page, Frame frame, HttpServerRequest http) {
        Response.ResponseBuilder answer = Response.status(status).type(HTML).entity(page.render());
        if (frame.newCookie()) {
            answer.cookie(FormTokens.formCookie(frame.cookie(), isSecure(http)));
        }
        return answer;
    }

    /** A staff page without a sign-in goes to the sign-in page; with a sign-in but not the role, a 403 page. */
    public Response staffOnly(StaffPage page, String cookie, HttpServerRequest http) {
        if (!page.signedIn()) {
            return seeOther(StaffSession.SIGN_IN);
        }
        Frame frame = frame(cookie);
        return show(403, Templates.error(frame.withError(new PageError("ROLE_MISSING", "Your sign-in does not allow "
                + "this page. Ask your administrator for the role it needs, or sign in with another token.", null,
                null)), "This page is not for your role", List.of(new Link(StaffSession.SIGN_IN, "Staff"))), frame,
                http);
    }

    /** After a form: where the flow or the request now stands, as a page the browser may reload. */
    public static Response seeOther(String path) {
        // a plain header: Response.seeOther() would make it absolute from the request's Host header
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, path).build();
    }

    /** The domain policy's rules in words, or none while the validator has not published it. */
    public List<String> policyRules() {
        return policies.domainPolicy().map(p -> p.rules()).orElse(List.of());
    }

    public static boolean isSecure(HttpServerRequest http) {
        return "https".equalsIgnoreCase(http.scheme());
    }

    /**
     * Whatever a page resource threw and did not answer itself, as a page: a refused form token (403
     * FORM_TOKEN_INVALID), another refusal with its status, a framework status, or 500 INTERNAL_ERROR, logged like
     * the API's (exception types and frames only).
     */
    public Response failed(Throwable failure, HttpHeaders headers, HttpServerRequest http) {
        Cookie cookie = headers.getCookies().get(FormTokens.COOKIE);
        Frame frame = frame(cookie == null ? null : cookie.getValue());
        List<Link> home = List.of(new Link("/", "Change your password"), new Link("/reset", "Reset your password"));
        if (failure instanceof RequestRefusedException refusal) {
            boolean form = refusal instanceof FormTokenRefusedException;
            String title = form ? "The form was not sent" : "Your request was not taken";
            return refused(refusal, Templates.error(frame.withError(PageError.of(refusal, null)), title, home),
                    frame, http);
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return show(web.getResponse().getStatus(), Templates.error(frame.withError(
                    PageError.of(ResultCode.INVALID_REQUEST, null)), "This page cannot be shown", home), frame, http);
        }
        LOG.errorf("unexpected on a page %s", UnexpectedExceptionMapper.describe(failure));
        return show(500, Templates.error(frame.withError(PageError.of(ResultCode.INTERNAL_ERROR, null)),
                "Something went wrong", home), frame, http);
    }

}
