package io.sspr.validator.rest;

import io.smallrye.common.annotation.Blocking;
import io.sspr.events.ResultCode;
import io.sspr.events.UserKeys;
import io.sspr.validator.directory.DirectoryUnavailableException;
import io.sspr.validator.directory.DirectoryUser;
import io.sspr.validator.directory.AccountScope;
import io.sspr.validator.directory.EffectivePolicyReader;
import io.sspr.validator.directory.UserDirectory;
import io.sspr.validator.policy.lists.BannedList;
import io.sspr.validator.policy.RulesInForce;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The password policy in numbers and words: the domain's default policy for anyone (a form's hints), and the effective
 * policy of a named account for the help desk and admins only, since its answer tells whether the account exists
 * (a bearer JWT whose {@code groups} hold {@code helpdesk} or {@code admin}; 401 without one, 403 with another role).
 */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PolicyResource {
    static final String HELPDESK = "helpdesk";
    static final String ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(PolicyResource.class);

    private final UserDirectory users;
    private final EffectivePolicyReader policies;
    private final AccountScope scope;
    private final RulesInForce rules;
    private final BannedList bannedList;

    public PolicyResource(UserDirectory users, EffectivePolicyReader policies, AccountScope scope,
            RulesInForce rules, BannedList bannedList) {
        this.users = users;
        this.policies = policies;
        this.scope = scope;
        this.rules = rules;
        this.bannedList = bannedList;
    }

    /** The domain's default policy: what every account is held to unless a fine-grained policy applies. */
    @GET
    @PermitAll
    public PolicyView domainPolicy() {
        return PolicyView.ofDomain(policies.domainPolicy(), rules.current(), bannedList.customTermCount());
    }

    @GET
    @Path("/{username}")
    @RolesAllowed({HELPDESK, ADMIN})
    public Response policy(@PathParam("username") String username) {
        if (!UserKeys.isValidUsername(username)) {
            return error(Response.Status.BAD_REQUEST, ResultCode.USERNAME_INVALID);
        }
        List<DirectoryUser> found = users.find(username);
        if (found.isEmpty()) {
            return error(Response.Status.NOT_FOUND, ResultCode.USER_NOT_FOUND);
        }
        if (found.size() > 1) {
            return error(Response.Status.CONFLICT, ResultCode.USER_AMBIGUOUS);
        }
        DirectoryUser user = found.get(0);
        return Response.ok(PolicyView.of(username, policies.policyFor(user), user, scope.includes(user),
                rules.current(), bannedList.customTermCount())).build();
    }

    /** The cause goes to the log; the caller gets the stable code only. */
    @ServerExceptionMapper
    public Response directoryUnavailable(DirectoryUnavailableException e) {
        LOG.warnf("policy lookup failed: %s", e.getMessage());
        return error(Response.Status.SERVICE_UNAVAILABLE, ResultCode.DIRECTORY_UNAVAILABLE);
    }

    private static Response error(Response.Status status, ResultCode code) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ErrorResponse.of(code)).build();
    }
}
