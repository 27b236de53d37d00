package io.sspr.audit.rest;

import io.smallrye.mutiny.Uni;
import io.sspr.audit.service.ReadAuditor;
import io.sspr.events.ResultCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The one place where reads of the audit log are audited: every answer of an {@link AuditedRead} resource, and every
 * 401 and 403 of any, becomes an audit record ({@link ReadAuditor}) that names who asked (the token's user, or
 * {@code anonymous}), what they asked for (the filters, never the records), and how it went. It is stored before the
 * answer leaves, so no read goes unrecorded: when it cannot be stored, the answer is a 500 instead. The request's
 * {@value #CORRELATION_HEADER} header gives the record's correlation id.
 */
public class ReadAuditFilter {
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** A {@link Reader} a page put on the routing context: it knows who signed in with its cookie. */
    public static final String READER = "sspr.audit.reader";
    /** The reason a page gave for not answering (its 400s), as the API's error message gives it. */
    public static final String REASON = "sspr.audit.reason";
    /** The longest parameter value an audit record keeps. */
    static final int MAX_VALUE = 200;
    private static final Logger LOG = Logger.getLogger(ReadAuditFilter.class);

    private final ReadAuditor auditor;
    private final AuditorTokens tokens;
    private final Vertx vertx;

    public ReadAuditFilter(ReadAuditor auditor, AuditorTokens tokens, Vertx vertx) {
        this.auditor = auditor;
        this.tokens = tokens;
        this.vertx = vertx;
    }

    /** Blocking JDBC: on a worker thread, or moved to one when the answer was made on the event loop. */
    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource,
            RoutingContext routing) {
        if (!audited(resource, response.getStatus())) {
            return Uni.createFrom().voidItem();
        }
        ReadAuditor.Read read = read(request, response, routing);
        response.getHeaders().putSingle(CORRELATION_HEADER, read.correlationId().toString());
        if (!Context.isOnEventLoopThread()) {
            store(read, response);
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(vertx.executeBlocking(() -> {
            store(read, response);
            return null;
        }, false).toCompletionStage()).replaceWithVoid();
    }

    /** A redirect reads nothing; a refusal is audited wherever it happens. */
    static boolean audited(ResourceInfo resource, int status) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        if (status == 401 || status == 403) {
            return true;
        }
        boolean read = method.isAnnotationPresent(AuditedRead.class)
                || resource.getResourceClass().isAnnotationPresent(AuditedRead.class);
        return read && Response.Status.Family.familyOf(status) != Response.Status.Family.REDIRECTION;
    }

    private ReadAuditor.Read read(ContainerRequestContext request, ContainerResponseContext response,
            RoutingContext routing) {
        Reader reader = routing.get(READER) instanceof Reader known ? known
                : tokens.fromAuthorization(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        int status = response.getStatus();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("request", request.getMethod() + " " + routing.request().path());
        details.put("format", format(response));
        details.put("status", Integer.toString(status));
        details.put("token", reader.token().name());
        if (reader.subject() != null) {
            details.put("subject", reader.subject());
        }
        if (routing.request().remoteAddress() != null) {
            details.put("clientAddress", routing.request().remoteAddress().hostAddress());
        }
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (String name : AuditQueryParams.NAMES) {
            String value = path.containsKey(name) ? path.getFirst(name) : query.getFirst(name);
            if (value != null && !value.isEmpty()) {
                details.put(name, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value);
            }
        }
        return new ReadAuditor.Read(UUID.randomUUID(), reader.name(), status < 400, reason(status, response, routing),
                details);
    }

    private static String format(ContainerResponseContext response) {
        if (response.getEntity() instanceof StreamingOutput) {
            return "csv";
        }
        MediaType type = response.getMediaType();
        return type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE) ? "html" : "json";
    }

    private static String reason(int status, ContainerResponseContext response, RoutingContext routing) {
        String message = response.getEntity() instanceof ErrorResponse error ? error.message()
                : routing.get(REASON) instanceof String given ? given : null;
        return switch (status) {
            case 200 -> "Read";
            case 400 -> "Invalid query: " + message;
            case 401, 403 -> "Refused: " + message;
            default -> "Not answered: HTTP " + status + (message == null ? "" : " " + message);
        };
    }

    private void store(ReadAuditor.Read read, ContainerResponseContext response) {
        try {
            auditor.record(read);
        } catch (RuntimeException e) {
            // the exception's type only: its message may carry the SQL of the insert
            LOG.errorf("a read of the audit log could not be recorded, so it is not answered (%s)",
                    e.getClass().getName());
            response.getHeaders().remove(HttpHeaders.CONTENT_DISPOSITION);
            response.setStatus(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode());
            response.setEntity(ErrorResponse.of(ResultCode.INTERNAL_ERROR, ResultCode.INTERNAL_ERROR.defaultMessage()),
                    null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
