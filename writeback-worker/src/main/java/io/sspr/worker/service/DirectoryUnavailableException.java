package io.sspr.worker.service;

import io.sspr.events.ResultCode;

/**
 * The DC did not answer through all of DirectoryWriter's retries, and the request is not past its expiry (or a
 * write may have happened, which only that DC can confirm). Transient: the record is tried again until the DC is
 * back, so a request made during an outage still succeeds within its expiry.
 */
public class DirectoryUnavailableException extends RuntimeException {
    public DirectoryUnavailableException(int attempts) {
        super(ResultCode.DIRECTORY_UNAVAILABLE + " after " + attempts + " attempts");
    }
}
