package io.sspr.portal.service;

import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.json.EventJson;
import io.sspr.portal.config.PortalConfig;
import io.sspr.portal.persistence.PasswordRequest;
import io.sspr.portal.persistence.PasswordRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The stored status of each request: ACCEPTED → VALIDATED → SUCCEEDED | REJECTED | FAILED | EXPIRED. The two
 * consumers hand each validated event and each result to it.
 */
@ApplicationScoped
public class RequestStatusService {
    private static final Logger LOG = Logger.getLogger(RequestStatusService.class);

    private final PasswordRequestRepository repository;
    /** How long past its expiry a request may still get its result before it is called EXPIRED. */
    private final Duration expiryGrace;
    private final OutcomeRecorder outcomes;
    private final WritebackStatusService writeback;

    public RequestStatusService(PasswordRequestRepository repository, OutcomeRecorder outcomes,
            WritebackStatusService writeback, PortalConfig config) {
        this.repository = repository;
        this.expiryGrace = config.expiryGrace();
        this.outcomes = outcomes;
        this.writeback = writeback;
    }

    /** Committed before the request is published, so that no status update can arrive for a missing row. */
    @Transactional
    public void recordAccepted(PasswordRequested event) {
        PasswordRequest row = new PasswordRequest();
        row.requestId = event.correlationId();
        row.userKey = event.userKey();
        row.username = event.username();
        row.operation = event.operation();
        row.status = RequestStatus.ACCEPTED;
        row.code = ResultCode.REQUEST_ACCEPTED;
        row.message = ResultCode.REQUEST_ACCEPTED.defaultMessage();
        row.violations = "[]";
        row.createdAt = event.occurredAt();
        row.updatedAt = event.occurredAt();
        row.expiresAt = event.expiresAt();
        repository.persist(row);
    }

    /** Kafka did not acknowledge the request in time: it is almost surely lost (provisional, see the repository). */
    @Transactional
    public void recordWritebackUnavailable(UUID requestId) {
        repository.markTerminal(requestId, RequestStatus.FAILED, ResultCode.WRITEBACK_UNAVAILABLE,
                ResultCode.WRITEBACK_UNAVAILABLE.defaultMessage(), "[]", Instant.now());
    }

    @Transactional
    public void onValidated(PasswordValidated event) {
        if (!repository.markValidated(event.correlationId(), Instant.now())) {
            explainIgnored(event.correlationId(), "validated");
        }
    }

    /** @return whether this result moved the request to its end (false for a redelivered or unknown one) */
    @Transactional
    public boolean onResult(PasswordResult result) {
        boolean applied = repository.markResult(result.correlationId(), result.status(), result.code(),
                result.message(), EventJson.write(result.violations()), Instant.now());
        if (applied) {
            outcomes.finished(result);
        } else {
            explainIgnored(result.correlationId(), "result");
        }
        return applied;
    }

    /**
     * The request as the user sees it now. One that is still open well after it expired will never be
     * applied (the pipeline refuses expired requests), so it is recorded as EXPIRED; or, while writeback is inactive
     * (the reason it was not written), as FAILED with WRITEBACK_INACTIVE.
     */
    @Transactional
    public Optional<PasswordRequest> find(UUID requestId) {
        Optional<PasswordRequest> found = repository.findByIdOptional(requestId);
        if (found.isEmpty()) {
            return found;
        }
        PasswordRequest row = found.get();
        Instant now = Instant.now();
        if (!row.status.isTerminal() && now.isAfter(row.expiresAt.plus(expiryGrace))) {
            boolean inactive = !writeback.state().active();
            RequestStatus status = inactive ? RequestStatus.FAILED : RequestStatus.EXPIRED;
            ResultCode code = inactive ? ResultCode.WRITEBACK_INACTIVE : ResultCode.REQUEST_EXPIRED;
            if (repository.markTerminal(requestId, status, code, code.defaultMessage(), "[]", now)) {
                outcomes.expired(requestId, row.userKey, row.username, row.operation, status, code);
            }
            repository.getEntityManager().refresh(row);
        }
        return Optional.of(row);
    }

    private void explainIgnored(UUID requestId, String what) {
        if (repository.findByIdOptional(requestId).isEmpty()) {
            LOG.debugf("ignored %s for unknown requestId=%s", what, requestId);
        } else {
            LOG.debugf("ignored %s for requestId=%s: already past that status", what, requestId);
        }
    }
}
