package io.sspr.audit.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.sspr.audit.config.AuditConfig;
import io.sspr.audit.persistence.AuditQuery;
import io.sspr.audit.persistence.AuditRecordFilter;
import io.sspr.audit.rest.AuditQueries;
import io.sspr.audit.rest.AuditQueryParams;
import io.sspr.audit.rest.AuditRecordCsv;
import io.sspr.audit.rest.AuditedRead;
import io.sspr.audit.rest.CsvExports;
import io.sspr.audit.rest.InvalidRequestException;
import io.sspr.audit.rest.QueryLinks;
import io.sspr.audit.rest.ReadAuditFilter;
import io.sspr.audit.rest.Reader;
import io.sspr.audit.service.AuditSearch;
import io.sspr.audit.service.ReadAuditor;
import io.sspr.events.AuditActivity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The auditors' pages, plain HTML forms and links that work without JavaScript: sign in with the organisation's token
 * (kept in a cookie, {@link AuditorSession}), search with the API's filters (a GET form), page with the next link,
 * and download the whole query as the API's CSV. Every page that reads records, and every refusal, is audited like an
 * API read ({@link ReadAuditFilter}): the page tells the filter who signed in, and why it refused.
 */
@Path(AuditPages.ROOT)
@Produces(AuditPages.HTML)
@Blocking
public class AuditPages {
    public static final String ROOT = "/audit";
    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    static final String SIGN_IN = ROOT + "/sign-in";
    static final String CSV = ROOT + "/events.csv";
    /** Nothing but this service's own stylesheet and forms; never framed. */
    private static final String POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance records(PageFrame frame, RecordsView view);

        static native TemplateInstance signIn(PageFrame frame);

        static native TemplateInstance refused(PageFrame frame, String title);
    }

    private final AuditorSession sessions;
    private final FormGuard forms;
    private final AuditQueries queries;
    private final AuditSearch search;
    private final CsvExports exports;
    private final AuditConfig config;

    public AuditPages(AuditorSession sessions, FormGuard forms, AuditQueries queries, AuditSearch search,
            CsvExports exports, AuditConfig config) {
        this.sessions = sessions;
        this.forms = forms;
        this.queries = queries;
        this.search = search;
        this.exports = exports;
        this.config = config;
    }

    @GET
    @AuditedRead
    public Response records(@BeanParam AuditQueryParams parameters, @RestCookie(AuditorSession.COOKIE) String token,
            @RestCookie(FormGuard.COOKIE) String form, RoutingContext routing) {
        Browser browser = new Browser(forms.cookieOrNew(form), form, routing);
        AuditorSession.Session session = sessions.of(token);
        routing.put(ReadAuditFilter.READER, session.reader());
        if (session.state() != AuditorSession.State.AUDITOR) {
            return notAllowed(session, browser);
        }
        PageFrame frame = new PageFrame(browser.csrf(), session.reader().name(), null);
        AuditQueryParams given = fromForm(parameters);
        try {
            AuditQuery query = queries.page(given);
            AuditSearch.Page page = search.page(query);
            AuditRecordFilter filter = query.filter();
            String next = page.next() == null ? null
                    : QueryLinks.of(ROOT, AuditQueries.linkParameters(filter, query.limit(), page.next()));
            String first = QueryLinks.of(ROOT, AuditQueries.linkParameters(filter, query.limit(), null));
            String csv = QueryLinks.of(CSV, AuditQueries.linkParameters(filter, null, null));
            List<RecordsView.Row> rows = page.records().stream().map(record -> RecordsView.Row.of(record,
                    QueryLinks.of(ROOT, Map.of("correlationId", record.correlationId.toString())))).toList();
            return page(200, Templates.records(frame, view(given, rows, next, csv, first)), browser);
        } catch (InvalidRequestException e) {
            routing.put(ReadAuditFilter.REASON, e.getMessage());
            PageFrame invalid = new PageFrame(browser.csrf(), frame.signedInAs(), e.getMessage());
            return page(400, Templates.records(invalid, view(given, List.of(), null, null, ROOT)), browser);
        }
    }

    /** The whole query (no cursor; no limit unless one is given) as the API's CSV, for the page's download link. */
    @GET
    @Path("/events.csv")
    @Produces({AuditPages.HTML, AuditRecordCsv.MEDIA_TYPE})
    @AuditedRead
    public Response csv(@BeanParam AuditQueryParams parameters, @RestCookie(AuditorSession.COOKIE) String token,
            @RestCookie(FormGuard.COOKIE) String form, RoutingContext routing) {
        Browser browser = new Browser(forms.cookieOrNew(form), form, routing);
        AuditorSession.Session session = sessions.of(token);
        routing.put(ReadAuditFilter.READER, session.reader());
        if (session.state() != AuditorSession.State.AUDITOR) {
            return notAllowed(session, browser);
        }
        try {
            return exports.csv(queries.export(fromForm(parameters)));
        } catch (InvalidRequestException e) {
            routing.put(ReadAuditFilter.REASON, e.getMessage());
            return page(400, Templates.refused(new PageFrame(browser.csrf(), session.reader().name(), e.getMessage()),
                    "This export cannot be made"), browser);
        }
    }

    @GET
    @Path("/sign-in")
    public Response signInPage(@RestCookie(FormGuard.COOKIE) String form, RoutingContext routing) {
        Browser browser = new Browser(forms.cookieOrNew(form), form, routing);
        return page(200, Templates.signIn(new PageFrame(browser.csrf(), null, null)), browser);
    }

    /** The token is verified before the cookie is set (and never shown back); only an auditor's is kept. */
    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm(FormGuard.FIELD) String field, @RestForm String token,
            @RestCookie(FormGuard.COOKIE) String form, RoutingContext routing) {
        Browser browser = new Browser(forms.cookieOrNew(form), form, routing);
        if (!forms.accepts(form, field, routing.request())) {
            return formRefused(browser);
        }
        AuditorSession.Session session = sessions.of(token);
        routing.put(ReadAuditFilter.READER, session.reader());
        if (session.state() != AuditorSession.State.AUDITOR) {
            return notAllowed(session, browser);
        }
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, ROOT)
                .cookie(sessions.cookie(session.token(), token, browser.secure())).build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@RestForm(FormGuard.FIELD) String field, @RestCookie(FormGuard.COOKIE) String form,
            RoutingContext routing) {
        Browser browser = new Browser(forms.cookieOrNew(form), form, routing);
        if (!forms.accepts(form, field, routing.request())) {
            return formRefused(browser);
        }
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, SIGN_IN)
                .cookie(AuditorSession.cleared(browser.secure())).build();
    }

    /** The browser's form cookie (a new one when it had none), and whether it came over https. */
    private record Browser(String csrf, String cookie, RoutingContext routing) {
        boolean secure() {
            return "https".equalsIgnoreCase(routing.request().scheme());
        }
    }

    /**
     * No sign-in: to the sign-in page. A token that no longer verifies: the sign-in page again, as a 401, and the
     * cookie goes. A token without the auditor group: a 403 page.
     */
    private Response notAllowed(AuditorSession.Session session, Browser browser) {
        switch (session.state()) {
            case NONE:
                if (browser.routing().request().method().name().equals("GET")) {
                    return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, SIGN_IN).build();
                }
                break;
            case NOT_AUDITOR:
                browser.routing().put(ReadAuditFilter.REASON, "the token does not carry the auditor role");
                return page(403, Templates.refused(new PageFrame(browser.csrf(), null, "Your token does not carry "
                        + "the auditor role. Ask your administrator for it, or sign in with another token."),
                        "This page is for auditors"), browser);
            default:
                break;
        }
        browser.routing().put(ReadAuditFilter.REASON, session.state() == AuditorSession.State.NONE ? "no token"
                : "the token did not verify");
        String message = "This token was not accepted: it is expired, older than this service allows, meant for "
                + "another service, or not from your organisation's issuer. Get a new one and sign in again.";
        Response page = page(401, Templates.signIn(new PageFrame(browser.csrf(), null, message)), browser);
        return Response.fromResponse(page).cookie(AuditorSession.cleared(browser.secure())).build();
    }

    private Response formRefused(Browser browser) {
        browser.routing().put(ReadAuditFilter.READER, Reader.of(Optional.empty(), false));
        browser.routing().put(ReadAuditFilter.REASON, "the form did not come from this page");
        return page(403, Templates.refused(new PageFrame(browser.csrf(), null, "This form has expired or did not "
                + "come from this page, so it was not sent. Go back, reload the page and try again."),
                "The form was not sent"), browser);
    }

    private RecordsView view(AuditQueryParams given, List<RecordsView.Row> rows, String next, String csv,
            String first) {
        List<String> activities = new ArrayList<>(Arrays.stream(AuditActivity.values())
                .map(AuditActivity::displayName).toList());
        activities.add(ReadAuditor.ACTIVITY);
        return new RecordsView(RecordsView.Filters.of(given), rows, next, csv, first, activities,
                List.of(AuditActivity.CATEGORY, ReadAuditor.CATEGORY), config.maxLimit());
    }

    /** The form's datetime-local values (no offset) are UTC; everything else goes to the API's parser as it is. */
    static AuditQueryParams fromForm(AuditQueryParams given) {
        given.from = utc(given.from);
        given.to = utc(given.to);
        return given;
    }

    private static String utc(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        try {
            return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /**
     * A page that is never cached nor framed, whose address (it holds the filters) no other site is told, with the
     * form cookie when the browser had none.
     */
    private static Response page(int status, TemplateInstance page, Browser browser) {
        Response.ResponseBuilder answer = Response.status(status).type(HTML).entity(page.render())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", POLICY)
                // not no-referrer: under it a browser sends "Origin: null" with the page's own forms
                .header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff");
        if (!browser.csrf().equals(browser.cookie())) {
            answer.cookie(FormGuard.cookie(browser.csrf(), browser.secure()));
        }
        return answer.build();
    }
}
