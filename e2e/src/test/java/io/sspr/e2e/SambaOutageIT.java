package io.sspr.e2e;

import java.time.Duration;

/** The Samba AD DC stopped for 60 s ({@code deploy/local/stack stop|start samba}) with the burst in flight. */
class SambaOutageIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.outage("samba", "Samba DC stopped 60 s", Duration.ofSeconds(60));
    }
}
