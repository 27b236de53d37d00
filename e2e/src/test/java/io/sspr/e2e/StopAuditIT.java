package io.sspr.e2e;

/** A graceful stop of the audit service (SIGTERM, waiting for it to exit), then a new process of it, with results in flight. */
class StopAuditIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.stop("audit-service");
    }
}
