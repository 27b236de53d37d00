package io.sspr.e2e;

/** A graceful stop of the policy validator (SIGTERM, waiting for it to exit), then a new process of it, with results in flight. */
class StopValidatorIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.stop("policy-validator");
    }
}
