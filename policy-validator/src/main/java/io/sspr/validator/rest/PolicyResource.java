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
import io.sspr.validator.policy.PasswordRules;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The effective password policy of an account, for the portal's form and for people. */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PolicyResource {
    private static final Logger LOG = Logger.getLogger(PolicyResource.class);

    private final UserDirectory users;
    private final EffectivePolicyReader policies;
    private final AccountScope scope;
    private final PasswordRules rules;
    private final BannedList bannedList;

    public PolicyResource(UserDirectory users, EffectivePolicyReader policies, AccountScope scope,
            PasswordRules rules, BannedList bannedList) {
        this.users = users;
        this.policies = policies;
        this.scope = scope;
        this.rules = rules;
        this.bannedList = bannedList;
    }

    @GET
    @Path("/{username}")
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
                rules, bannedList.customTermCount())).build();
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
