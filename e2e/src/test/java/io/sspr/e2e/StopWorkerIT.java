package io.sspr.e2e;

/** A graceful stop of the writeback worker (SIGTERM, waiting for it to exit), then a new process of it, with results in flight. */
class StopWorkerIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.stop("writeback-worker");
    }
}
