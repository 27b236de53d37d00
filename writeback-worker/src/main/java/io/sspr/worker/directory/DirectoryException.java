package io.sspr.worker.directory;

import io.sspr.events.ResultCode;

/**
 * The directory refused or could not do an operation. The code is what a person sees; the diagnostic is the
 * directory's own text, for the log only (it never contains a password: the DC does not echo values).
 */
public class DirectoryException extends Exception {
    private final ResultCode code;
    private final String diagnostic;

    public DirectoryException(ResultCode code, String diagnostic, Throwable cause) {
        super(code + ": " + diagnostic, cause);
        this.code = code;
        this.diagnostic = diagnostic;
    }

    public ResultCode code() {
        return code;
    }

    public String diagnostic() {
        return diagnostic;
    }
}
