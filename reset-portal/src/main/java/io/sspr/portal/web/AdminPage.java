package io.sspr.portal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.portal.rest.AdminSettingsResource;
import io.sspr.portal.rest.AdminSettingsResource.SettingsBody;
import io.sspr.portal.service.SettingsService;
import io.sspr.portal.service.SettingsService.InForce;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The self-service settings for role admin, as PUT /api/v1/admin/settings takes them. */
@Path("/admin")
@Produces(Pages.HTML)
public class AdminPage {
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(Frame frame, Values values, String terms, InForce inForce,
                String updatedAt, boolean saved);
    }

    private final SettingsService settings;
    private final StaffSession session;
    private final Pages pages;

    public AdminPage(SettingsService settings, StaffSession session, Pages pages) {
        this.settings = settings;
        this.session = session;
        this.pages = pages;
    }

    @GET
    public Response show(@RestCookie(FormTokens.COOKIE) String cookie, @RestCookie(StaffSession.COOKIE) String staff,
            @QueryParam("saved") boolean saved, @Context HttpServerRequest http) {
        StaffPage page = StaffPage.check(session, staff, "admin");
        if (!page.allowed()) {
            return pages.staffOnly(page, cookie, http);
        }
        Frame frame = pages.frame(cookie);
        InForce inForce = settings.inForce();
        return pages.show(form(frame, inForce.values(), saved), frame, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@BeanParam FormToken form, @RestCookie(StaffSession.COOKIE) String staff,
            @RestForm boolean writebackEnabled, @RestForm boolean unlockAllowed, @RestForm int methodsRequired,
            @RestForm String scopeGroupDn, @RestForm String customBannedTerms, @RestForm boolean nistMode,
            @Context HttpServerRequest http) {
        pages.requireToken(form, "admin-settings");
        StaffPage page = StaffPage.check(session, staff, "admin");
        if (!page.allowed()) {
            return pages.staffOnly(page, form.cookie, http);
        }
        Frame frame = pages.frame(form.cookie);
        SettingsBody body = new SettingsBody(writebackEnabled, unlockAllowed, methodsRequired, scopeGroupDn,
                customBannedTerms == null ? java.util.List.of()
                        : Arrays.stream(customBannedTerms.split("\\R")).map(String::strip).filter(t -> !t.isEmpty())
                                .toList(),
                nistMode, null, null);
        Values values;
        try {
            values = AdminSettingsResource.valuesOf(body);
        } catch (IllegalArgumentException e) {
            Values typed = new Values(writebackEnabled, unlockAllowed, Math.max(1, Math.min(2, methodsRequired)),
                    scopeGroupDn, java.util.List.of(), nistMode);
            return pages.show(400, Templates.settings(frame.withError(new PageError("SETTINGS_INVALID",
                    "The settings were not saved: " + e.getMessage() + ". Correct it and save again.", null, null)),
                    typed, customBannedTerms == null ? "" : customBannedTerms, settings.inForce(),
                    updatedAt(settings.inForce()), false), frame, http);
        }
        try {
            settings.save(values, page.operator());
        } catch (IllegalStateException e) {
            return pages.show(503, Templates.settings(frame.withError(new PageError("WRITEBACK_UNAVAILABLE",
                    "The settings were not saved: the message bus did not take them. Nothing changed; try again.",
                    null, null)), values, String.join("\n", values.customBannedTerms()), settings.inForce(),
                    updatedAt(settings.inForce()), false), frame, http);
        }
        return Pages.seeOther("/admin?saved=true");
    }

    private TemplateInstance form(Frame frame, Values values, boolean saved) {
        InForce inForce = settings.inForce();
        return Templates.settings(frame, values, String.join("\n", values.customBannedTerms()), inForce,
                updatedAt(inForce), saved);
    }

    private static String updatedAt(InForce inForce) {
        return inForce.updatedBy() == null ? null : PageError.format(inForce.since());
    }

    @ServerExceptionMapper
    public Response failed(Exception failure, HttpHeaders headers, HttpServerRequest http) {
        return pages.failed(failure, headers, http);
    }
}
