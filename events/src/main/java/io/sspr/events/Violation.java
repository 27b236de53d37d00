package io.sspr.events;

import java.util.Objects;

/** One failed rule: a stable code and a message a person understands. */
public record Violation(ResultCode code, String message) {
    public Violation {
        Objects.requireNonNull(code, "code");
        message = message == null ? code.defaultMessage() : message;
    }

    public static Violation of(ResultCode code) {
        return new Violation(code, code.defaultMessage());
    }
}
