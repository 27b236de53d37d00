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
 * on one request can never move a terminal status back. The two outcomes the portal concludes on its own, without
 * word from the pipeline (Kafka did not acknowledge the request; no result by its expiry), are provisional: the
 * pipeline's own word, arriving late, replaces them, so the portal never contradicts the directory.
 */
@ApplicationScoped
public class PasswordRequestRepository implements PanacheRepositoryBase<PasswordRequest, UUID> {

    static final List<RequestStatus> OPEN = List.of(RequestStatus.ACCEPTED, RequestStatus.VALIDATED);
    /** The codes of the portal's own provisional conclusions (see the class comment). */
    static final List<ResultCode> PROVISIONAL = List.of(ResultCode.WRITEBACK_UNAVAILABLE, ResultCode.REQUEST_EXPIRED,
            ResultCode.WRITEBACK_INACTIVE);

    /** ACCEPTED (or provisionally failed) → VALIDATED; a no-op for any other status. */
    public boolean markValidated(UUID requestId, Instant now) {
        return update("status = ?1, code = ?2, message = ?3, updatedAt = ?4 where requestId = ?5"
                + " and (status = ?6 or (status = ?7 and code = ?8))",
                RequestStatus.VALIDATED, ResultCode.REQUEST_VALIDATED, ResultCode.REQUEST_VALIDATED.defaultMessage(),
                now, requestId, RequestStatus.ACCEPTED, RequestStatus.FAILED, ResultCode.WRITEBACK_UNAVAILABLE) > 0;
    }

    /**
     * The pipeline's result: open or provisional → terminal; a no-op once the pipeline's result is stored. A late
     * EXPIRED does not replace WRITEBACK_INACTIVE: both mean nothing was written, and the user was told why.
     */
    public boolean markResult(UUID requestId, RequestStatus status, ResultCode code, String message,
            String violationsJson, Instant now) {
        requireTerminal(status);
        List<ResultCode> replaceable = status == RequestStatus.EXPIRED
                ? PROVISIONAL.stream().filter(c -> c != ResultCode.WRITEBACK_INACTIVE).toList() : PROVISIONAL;
        return update("status = ?1, code = ?2, message = ?3, violations = ?4, updatedAt = ?5"
                + " where requestId = ?6 and (status in ?7 or code in ?8)",
                status, code, message, violationsJson, now, requestId, OPEN, replaceable) > 0;
    }

    /** The portal's own provisional conclusion: open → terminal; a no-op once the request is terminal. */
    public boolean markTerminal(UUID requestId, RequestStatus status, ResultCode code, String message,
            String violationsJson, Instant now) {
        requireTerminal(status);
        return update("status = ?1, code = ?2, message = ?3, violations = ?4, updatedAt = ?5"
                + " where requestId = ?6 and status in ?7",
                status, code, message, violationsJson, now, requestId, OPEN) > 0;
    }

    private static void requireTerminal(RequestStatus status) {
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("not a terminal status: " + status);
        }
    }
}
