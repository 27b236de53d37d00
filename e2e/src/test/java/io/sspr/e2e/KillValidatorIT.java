package io.sspr.e2e;

/** kill -9 of the policy validator (SIGKILL), then a new process of it, with the burst in flight. */
class KillValidatorIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.kill("policy-validator");
    }
}
