package io.sspr.worker.service;

import io.sspr.events.ResultCode;

/**
 * The DC did not answer through all of DirectoryWriter's retries. Transient while the request has time left, or while
 * a write may have happened (which only that DC can confirm): the record is tried again until the DC is back, so a
 * request made during an outage still succeeds within its expiry. {@link WritebackService} ends one that nothing was
 * written for and whose time is up.
 */
public class DirectoryUnavailableException extends RuntimeException {
    private final boolean mayHaveWritten;

    public DirectoryUnavailableException(int attempts, boolean mayHaveWritten) {
        super(ResultCode.DIRECTORY_UNAVAILABLE + " after " + attempts + " attempts");
        this.mayHaveWritten = mayHaveWritten;
    }

    /** Whether a write (or a password check's bind) was sent whose answer is unknown. */
    public boolean mayHaveWritten() {
        return mayHaveWritten;
    }
}
