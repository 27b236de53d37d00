package io.sspr.validator.directory;

/** The directory could not answer; the message names the cause, never a password or a filter value. */
public class DirectoryUnavailableException extends RuntimeException {
    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
