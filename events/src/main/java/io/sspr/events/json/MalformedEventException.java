package io.sspr.events.json;

/** An event that cannot be read; consumers dead-letter it with this message as the reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
