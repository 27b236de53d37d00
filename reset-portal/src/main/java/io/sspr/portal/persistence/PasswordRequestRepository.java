package io.sspr.portal.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Status changes are single conditional UPDATEs ("... where status is not terminal"), so two consumers racing
 * on one request can never move a terminal status back.
 */
@ApplicationScoped
public class PasswordRequestRepository implements PanacheRepositoryBase<PasswordRequest, UUID> {

    static final List<RequestStatus> OPEN = List.of(RequestStatus.ACCEPTED, RequestStatus.VALIDATED);

    /** ACCEPTED → VALIDATED; a no-op for any other status. */
    public boolean markValidated(UUID requestId, Instant now) {
        return update("status = ?1, code = ?2, message = ?3, updatedAt = ?4 where requestId = ?5 and status = ?6",
                RequestStatus.VALIDATED, ResultCode.REQUEST_VALIDATED, ResultCode.REQUEST_VALIDATED.defaultMessage(),
                now, requestId, RequestStatus.ACCEPTED) > 0;
    }

    /** Open → a terminal status; a no-op once the request is terminal. */
    public boolean markTerminal(UUID requestId, RequestStatus status, ResultCode code, String message,
            String violationsJson, Instant now) {
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("not a terminal status: " + status);
        }
        return update("status = ?1, code = ?2, message = ?3, violations = ?4, updatedAt = ?5"
                + " where requestId = ?6 and status in ?7",
                status, code, message, violationsJson, now, requestId, OPEN) > 0;
    }
}
