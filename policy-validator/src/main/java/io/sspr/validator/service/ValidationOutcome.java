package io.sspr.validator.service;

import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.ResultCode;
import io.sspr.events.Violation;
import java.util.List;

/** What the validator publishes for one request: a signed PasswordValidated or a terminal PasswordResult. */
public sealed interface ValidationOutcome {
    String outcome();

    List<ResultCode> codes();

    record Accepted(PasswordValidated event) implements ValidationOutcome {
        @Override
        public String outcome() {
            return "VALIDATED";
        }

        @Override
        public List<ResultCode> codes() {
            return List.of();
        }
    }

    record Refused(PasswordResult event) implements ValidationOutcome {
        @Override
        public String outcome() {
            return event.status().name();
        }

        @Override
        public List<ResultCode> codes() {
            return event.violations().stream().map(Violation::code).toList();
        }
    }
}
