package io.sspr.portal.rest;

import io.sspr.events.PasswordPolicyPublished;
import io.sspr.events.ResultCode;
import io.sspr.portal.service.PasswordPolicyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * What a new password needs under the domain's default policy, for the hints shown while typing. It never takes a
 * user name: which fine-grained policy applies to whom is the directory's to say, at the validator, when the
 * password is sent.
 */
@Path("/api/v1/password-policy")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordPolicyResource {
    /** How soon to ask again while the validator has not published the policy yet. */
    static final int RETRY_SECONDS = 5;

    private final PasswordPolicyService policies;

    public PasswordPolicyResource(PasswordPolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Operation(summary = "The domain password policy", description = "Lengths, complexity, history and ages in "
            + "numbers, and the rules in words; no personal data. 503 POLICY_UNKNOWN until the validator has "
            + "published it.")
    @APIResponse(responseCode = "200", description = "The policy")
    @APIResponse(responseCode = "503", description = "POLICY_UNKNOWN")
    public Response policy() {
        return policies.domainPolicy().map(policy -> Response.ok(PolicyHints.of(policy)).build())
                .orElseGet(() -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, RETRY_SECONDS)
                        .entity(ErrorResponse.of(ResultCode.POLICY_UNKNOWN)).build());
    }

    /**
     * The body: {@code minAge} and {@code maxAge} in ISO-8601 ({@code maxAge} null when passwords never expire),
     * {@code requiredCategories} the character groups a complex password needs (0 without complexity).
     */
    public record PolicyHints(int minLength, int maxLength, boolean complexity, int requiredCategories,
            String dialect, int historyLength, String minAge, String maxAge, List<String> rules) {

        /** MS-SAMR 3.1.1.7.2: three of the five character groups. */
        static final int COMPLEX_CATEGORIES = 3;

        public static PolicyHints of(PasswordPolicyPublished policy) {
            return new PolicyHints(policy.minLength(), policy.maxLength(), policy.complexity(),
                    policy.complexity() ? COMPLEX_CATEGORIES : 0, policy.dialect(), policy.historyLength(),
                    iso(policy.minAge()), iso(policy.maxAge()), policy.rules());
        }

        private static String iso(Duration duration) {
            return duration == null ? null : duration.toString();
        }
    }
}
