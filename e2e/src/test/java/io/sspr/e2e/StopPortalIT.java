package io.sspr.e2e;

/** A graceful stop of the portal (SIGTERM, waiting for it to exit), then a new process of it, with results in flight. */
class StopPortalIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.stop("reset-portal");
    }
}
