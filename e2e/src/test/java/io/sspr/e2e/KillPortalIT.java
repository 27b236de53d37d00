package io.sspr.e2e;

/** kill -9 of the portal (SIGKILL), then a new process of it, with the burst in flight. */
class KillPortalIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.kill("reset-portal");
    }
}
