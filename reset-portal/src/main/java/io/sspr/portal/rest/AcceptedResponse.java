package io.sspr.portal.rest;

import io.sspr.events.RequestStatus;
import java.util.UUID;

/** The 202 answer: where to follow the request. */
public record AcceptedResponse(UUID requestId, RequestStatus status) {
}
