package io.sspr.e2e;

import java.time.Duration;

/** The Kafka broker stopped and started again ({@code deploy/local/stack stop|start kafka}) with the burst in flight. */
class KafkaRestartIT extends FaultDrill {
    @Override
    protected Fault fault() {
        return Fault.outage("kafka", "Kafka broker restart", Duration.ZERO);
    }
}
