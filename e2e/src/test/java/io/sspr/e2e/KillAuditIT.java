package io.sspr.e2e;

/** kill -9 of the audit service (SIGKILL), then a new process of it, with the burst in flight. */
class KillAuditIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.kill("audit-service");
    }
}
