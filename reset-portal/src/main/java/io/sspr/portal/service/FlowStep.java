package io.sspr.portal.service;

import io.sspr.events.ResultCode;
import java.util.Set;

/** A step of a self-service flow, as the audit and the metrics name it. */
public record FlowStep(String flow, String step, String description) {
    public static final String RESET = "reset";
    public static final String UNLOCK = "unlock";
    public static final String REGISTRATION = "registration";

    /** Outcomes of a step that went as the person wished. */
    private static final Set<ResultCode> GOOD = Set.of(ResultCode.REQUEST_ACCEPTED,
            ResultCode.CURRENT_PASSWORD_CONFIRMED);

    public static FlowStep started(String flow) {
        return new FlowStep(flow, "started", "User started the " + flow + " flow; a code was mailed if the account "
                + "may use self-service");
    }

    public static FlowStep verified(String flow, String method) {
        return new FlowStep(flow, "verify-" + method, "User completed the " + method + " verification");
    }

    public static FlowStep completed(String flow) {
        return new FlowStep(flow, "completed", "User completed verification; the request was handed to writeback");
    }

    public static FlowStep passwordChecked() {
        return new FlowStep(REGISTRATION, "password-checked", "The directory confirmed the current password; a code "
                + "was mailed");
    }

    public static FlowStep mailCodeChecked() {
        return new FlowStep(REGISTRATION, "verify-email", "User completed the email verification; the authenticator "
                + "secret was shown");
    }

    public boolean succeeded(ResultCode outcome) {
        return GOOD.contains(outcome);
    }
}
