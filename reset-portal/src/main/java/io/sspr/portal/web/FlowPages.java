package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.events.ResultCode;
import io.sspr.portal.persistence.VerificationFlow.Kind;
import io.sspr.portal.rest.ClientAddress;
import io.sspr.portal.rest.Ids;
import io.sspr.portal.service.RequestRefusedException;
import io.sspr.portal.service.SettingsService;
import io.sspr.portal.service.VerificationFlowService;
import io.sspr.portal.service.VerificationFlowService.FlowView;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Reset (/reset) and unlock (/unlock): the user name, then the codes, then the new password (reset) or the unlock
 * itself. Every form POSTs and answers 303 to {@code /<flow>/<id>}, one page that shows whichever step the flow is at,
 * so a reload shows where it stands. The pages call {@link VerificationFlowService}, as the JSON API does, and tell
 * nothing about the user: an unknown name's flow looks the same and simply never verifies.
 */
@Path("/{flow: reset|unlock}")
@Produces(Pages.HTML)
public class FlowPages {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(Frame frame, FlowText flow, String username, boolean offered);

        static native TemplateInstance codes(Frame frame, FlowText flow, FlowView view);

        static native TemplateInstance password(Frame frame, FlowText flow, FlowView view, List<String> rules);

        static native TemplateInstance unlock(Frame frame, FlowText flow, FlowView view);

        static native TemplateInstance gone(Frame frame, FlowText flow);
    }

    /** The words that differ between the two flows. */
    public record FlowText(String path, String title, String intro, String verifiedTitle) {
    }

    private static final Map<String, FlowText> TEXTS = Map.of(
            "reset", new FlowText("/reset", "Reset your password",
                    "Forgot your password? Prove who you are with a code, then choose a new password.",
                    "Choose a new password"),
            "unlock", new FlowText("/unlock", "Unlock your account",
                    "Locked out after too many wrong passwords? Prove who you are with a code, and your account is "
                            + "unlocked. Your password stays as it is.",
                    "Unlock your account now"));
    /** One code typed into the field of that name. */
    private record Attempt(String method, String code, String field) {
    }

    private static final String EMAIL_CODE = "email-code";
    private static final String APP_CODE = "app-code";
    private static final String CODE = "code";

    private final VerificationFlowService flows;
    private final SettingsService settings;
    private final Pages pages;

    public FlowPages(VerificationFlowService flows, SettingsService settings, Pages pages) {
        this.flows = flows;
        this.settings = settings;
        this.pages = pages;
    }

    @GET
    public Response start(@RestPath String flow, @RestCookie(FormTokens.COOKIE) String cookie,
            @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        if (!offered(flow)) {
            frame = frame.withError(PageError.of(ResultCode.UNLOCK_NOT_ALLOWED, null));
        }
        return pages.show(Templates.start(frame, TEXTS.get(flow), "", offered(flow)), frame, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response begin(@RestPath String flow, @BeanParam FormToken token, @RestForm String username,
            @Context HttpServerRequest http) {
        pages.requireToken(token, flow + "-start");
        Frame frame = pages.frame(token.cookie);
        try {
            UUID flowId = flows.start(kindOf(flow), username, ClientAddress.of(http));
            return Pages.seeOther(TEXTS.get(flow).path() + "/" + flowId);
        } catch (RequestRefusedException refused) {
            String field = refused.code() == ResultCode.USERNAME_INVALID || refused.code() == ResultCode.INVALID_REQUEST
                    ? "username" : null;
            return pages.refused(refused, Templates.start(frame.withError(PageError.of(refused, field)),
                    TEXTS.get(flow), username == null ? "" : username, offered(flow)), frame, http);
        }
    }

    /** The flow's page: the codes still needed, then the last step; gone once expired or replaced. */
    @GET
    @Path("/{id}")
    public Response show(@RestPath String flow, @RestPath String id, @RestCookie(FormTokens.COOKIE) String cookie,
            @Context HttpServerRequest http) {
        Frame frame = pages.frame(cookie);
        FlowView view = flows.view(kindOf(flow), Ids.parse(id)).orElse(null);
        if (view == null) {
            return pages.show(404, Templates.gone(frame, TEXTS.get(flow)), frame, http);
        }
        return pages.show(step(flow, frame, view), frame, http);
    }

    /**
     * One code (the method chosen: {@code method} and {@code code}) or, with two methods required, each code still
     * needed ({@code emailCode}, {@code appCode}).
     */
    @POST
    @Path("/{id}/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@RestPath String flow, @RestPath String id, @BeanParam FormToken token,
            @RestForm String method, @RestForm String code, @RestForm String emailCode, @RestForm String appCode,
            @Context HttpServerRequest http) {
        pages.requireToken(token, flow + "-verify");
        Frame frame = pages.frame(token.cookie);
        Kind kind = kindOf(flow);
        UUID flowId = Ids.parse(id);
        List<Attempt> attempts = new ArrayList<>();
        if (method != null) {
            attempts.add(new Attempt(method, code, CODE));
        } else {
            attempts.add(new Attempt(VerificationFlowService.EMAIL, emailCode, EMAIL_CODE));
            attempts.add(new Attempt(VerificationFlowService.AUTHENTICATOR, appCode, APP_CODE));
            attempts.removeIf(attempt -> attempt.code() == null);
        }
        if (attempts.isEmpty()) {
            attempts.add(new Attempt(VerificationFlowService.EMAIL, null, EMAIL_CODE));
        }
        for (Attempt attempt : attempts) {
            if (attempt.code() == null || attempt.code().isBlank()) {
                // nothing typed is not a wrong code: it does not count towards a block
                return pages.show(400, current(flow, flowId, frame.withError(PageError.of(ResultCode.INVALID_REQUEST,
                        attempt.field()))), frame, http);
            }
        }
        for (Attempt attempt : attempts) {
            try {
                flows.verify(kind, flowId, attempt.method(), attempt.code(), ClientAddress.of(http));
            } catch (RequestRefusedException refused) {
                return pages.refused(refused, current(flow, flowId, frame.withError(PageError.of(refused,
                        attempt.field()))), frame, http);
            }
        }
        return Pages.seeOther(TEXTS.get(flow).path() + "/" + id);
    }

    /** The last step: the new password (reset) or nothing more (unlock); 303 to the request's status page. */
    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response complete(@RestPath String flow, @RestPath String id, @BeanParam FormToken token,
            @RestForm String newPassword, @RestForm String confirmPassword, @Context HttpServerRequest http) {
        pages.requireToken(token, flow + "-complete");
        Frame frame = pages.frame(token.cookie);
        Kind kind = kindOf(flow);
        UUID flowId = Ids.parse(id);
        if (kind == Kind.RESET && newPassword != null && !newPassword.isEmpty()
                && !newPassword.equals(confirmPassword)) {
            return pages.show(400, current(flow, flowId, frame.withError(PageError.of(
                    ResultCode.NEW_PASSWORDS_DIFFERENT, "confirm-password"))), frame, http);
        }
        try {
            UUID requestId = flows.complete(kind, flowId, kind == Kind.RESET ? newPassword : null,
                    ClientAddress.of(http));
            return Pages.seeOther(RequestPage.PATH + requestId);
        } catch (RequestRefusedException refused) {
            String field = kind == Kind.RESET && refused.code() != ResultCode.VERIFICATION_INCOMPLETE
                    && refused.code() != ResultCode.WRITEBACK_UNAVAILABLE ? "new-password" : null;
            return pages.refused(refused, current(flow, flowId, frame.withError(PageError.of(refused, field))), frame,
                    http);
        }
    }

    @ServerExceptionMapper
    public Response failed(Exception failure, HttpHeaders headers, HttpServerRequest http) {
        return pages.failed(failure, headers, http);
    }

    /** The page of the flow's step with the frame's error, or "start again" once the flow is gone. */
    private TemplateInstance current(String flow, UUID flowId, Frame frame) {
        FlowView view = flows.view(kindOf(flow), flowId).orElse(null);
        return view == null ? Templates.gone(frame, TEXTS.get(flow)) : step(flow, frame, view);
    }

    private TemplateInstance step(String flow, Frame frame, FlowView view) {
        if (!view.verified()) {
            return Templates.codes(frame, TEXTS.get(flow), view);
        }
        return kindOf(flow) == Kind.RESET ? Templates.password(frame, TEXTS.get(flow), view, pages.policyRules())
                : Templates.unlock(frame, TEXTS.get(flow), view);
    }

    private boolean offered(String flow) {
        return kindOf(flow) == Kind.RESET || settings.current().unlockAllowed();
    }

    private static Kind kindOf(String flow) {
        return "unlock".equals(flow) ? Kind.UNLOCK : Kind.RESET;
    }
}
