package io.sspr.e2e;

import java.time.Duration;

/** PostgreSQL stopped for 30 s ({@code deploy/local/stack stop|start postgresql}) with the burst in flight. */
class PostgresOutageIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.outage("postgresql", "PostgreSQL stopped 30 s", Duration.ofSeconds(30));
    }
}
