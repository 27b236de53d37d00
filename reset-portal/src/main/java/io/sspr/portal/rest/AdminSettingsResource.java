package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.events.SelfServiceSettings;
import io.sspr.events.SelfServiceSettings.Values;
import io.sspr.portal.service.SettingsService;
import io.sspr.portal.service.SettingsService.InForce;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The administrator's self-service settings; role {@code admin}. */
@Path("/api/v1/admin/settings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminSettingsResource {
    private final SettingsService settings;
    private final JsonWebToken token;

    public AdminSettingsResource(SettingsService settings, JsonWebToken token) {
        this.settings = settings;
        this.token = token;
    }

    /** The settings as the API shows and takes them; {@code updatedBy} and {@code updatedAt} are only shown. */
    public record SettingsBody(Boolean writebackEnabled, Boolean unlockAllowed, Integer methodsRequired,
            String scopeGroupDn, List<String> customBannedTerms, Boolean nistMode, String updatedBy,
            Instant updatedAt) {
        static SettingsBody of(InForce inForce) {
            Values v = inForce.values();
            return new SettingsBody(v.writebackEnabled(), v.unlockAllowed(), v.methodsRequired(), v.scopeGroupDn(),
                    v.customBannedTerms(), v.nistMode(), inForce.updatedBy(),
                    inForce.updatedBy() == null ? null : inForce.since());
        }
    }

    @GET
    @Operation(summary = "The settings in force", description = "updatedBy is null while no administrator has saved "
            + "settings and the services' configuration applies.")
    public SettingsBody get() {
        return SettingsBody.of(settings.inForce());
    }

    @PUT
    @Operation(summary = "Replace the settings", description = "Every field is required. Published to the compacted "
            + "topic sspr.settings, applied by every service within seconds, audited with the old and new values. "
            + "400 SETTINGS_INVALID with the reason; 503 WRITEBACK_UNAVAILABLE when Kafka did not take them.")
    public Response put(SettingsBody body) {
        Values values;
        try {
            values = valuesOf(body);
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(new ErrorResponse("SETTINGS_INVALID",
                    "The settings were not saved: " + e.getMessage() + ". Correct it and save again.")).build();
        }
        try {
            return Response.ok(SettingsBody.of(settings.save(values, StaffOperator.of(token)))).build();
        } catch (IllegalStateException e) {
            return Response.status(503).entity(ErrorResponse.of(ResultCode.WRITEBACK_UNAVAILABLE,
                    "The settings were not saved: the message bus did not take them. Nothing changed; try again.")).build();
        }
    }

    /** Checked as the event checks them, so that what the API takes every service takes. */
    public static Values valuesOf(SettingsBody body) {
        if (body == null || body.writebackEnabled() == null || body.unlockAllowed() == null
                || body.methodsRequired() == null || body.customBannedTerms() == null || body.nistMode() == null) {
            throw new IllegalArgumentException("writebackEnabled, unlockAllowed, methodsRequired, customBannedTerms "
                    + "and nistMode are all required (scopeGroupDn may be empty)");
        }
        if (body.customBannedTerms().stream().anyMatch(t -> t == null)) {
            throw new IllegalArgumentException("a custom banned term is empty");
        }
        requireDistinguishedName(body.scopeGroupDn());
        Values values = new Values(body.writebackEnabled(), body.unlockAllowed(), body.methodsRequired(),
                body.scopeGroupDn(), body.customBannedTerms().stream().map(String::strip).distinct().toList(),
                body.nistMode());
        SelfServiceSettings.of(values, "check", Instant.now());
        return values;
    }

    private static void requireDistinguishedName(String dn) {
        if (dn == null || dn.isBlank()) {
            return;
        }
        try {
            if (new LdapName(dn).isEmpty()) {
                throw new InvalidNameException();
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("scopeGroupDn is not a distinguished name (such as "
                    + "CN=SSPR Users,OU=Groups,DC=example,DC=test)");
        }
    }
}
