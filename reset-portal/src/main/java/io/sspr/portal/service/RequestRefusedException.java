package io.sspr.portal.service;

import io.sspr.events.ResultCode;

/** A request the portal will not take; the message is the code's human text and never holds input. */
public class RequestRefusedException extends RuntimeException {
    private final ResultCode code;

    public RequestRefusedException(ResultCode code) {
        super(code.defaultMessage(), null, false, false);
        this.code = code;
    }

    public ResultCode code() {
        return code;
    }
}
