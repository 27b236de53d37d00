package io.sspr.e2e;

/** kill -9 of the writeback worker (SIGKILL), then a new process of it, with the burst in flight. */
class KillWorkerIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.kill("writeback-worker");
    }
}
