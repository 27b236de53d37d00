package io.sspr.events.json;

import io.sspr.events.messaging.UnprocessableEventException;

/** An event that cannot be read; consumers dead-letter it with this message as the reason. */
public class MalformedEventException extends UnprocessableEventException {
    public MalformedEventException(String message) {
        super(Reason.MALFORMED, message);
    }
}
