package io.sspr.portal.service;

import io.sspr.events.ResultCode;
import java.time.Instant;

/** Self-service is blocked for the account until {@link #until()}: said the same way for every user name. */
public class SelfServiceBlockedException extends RequestRefusedException {
    private final Instant until;

    public SelfServiceBlockedException(Instant until) {
        super(ResultCode.SELF_SERVICE_BLOCKED);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
