package io.sspr.events;

/** Where a request stands: ACCEPTED → VALIDATED → SUCCEEDED | REJECTED | FAILED | EXPIRED. */
public enum RequestStatus {
    ACCEPTED(false),
    VALIDATED(false),
    SUCCEEDED(true),
    /** The policy refused the new password before anything was written. */
    REJECTED(true),
    /** The directory refused the operation, or it could not be done. */
    FAILED(true),
    /** Not applied in time; never written back afterwards. */
    EXPIRED(true);

    private final boolean terminal;

    RequestStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
